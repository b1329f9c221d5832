#!/usr/bin/env bash
# Reproduces crates/entities/model/ner.bin, the entity tagger's weights, from CoNLL-2003 in ../shared/bench/ner
# (deterministic: same data and lexicons, same bytes).
#
# 1. The development model, trained on `train` only, is written to target/ner-dev.bin and scored on `testa`:
#    that is the figure README reports (testa is the development set).
# 2. The shipped model is trained the same way on `train` and `testa` together, as is usual once the
#    design is settled; the test split, when present, is never trained on.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
ner="$shared/bench/ner"
cargo build --release -q -p dateline-entities --bin ner-conll
mkdir -p target
target/release/ner-conll train "$ner/conll2003_eng.train.gz" target/ner-dev.bin
target/release/ner-conll eval target/ner-dev.bin "$ner/conll2003_eng.testa.gz"
target/release/ner-conll train "$ner/conll2003_eng.train.gz,$ner/conll2003_eng.testa.gz" crates/entities/model/ner.bin
