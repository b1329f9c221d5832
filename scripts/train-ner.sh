#!/usr/bin/env bash
# Reproduces crates/entities/model/ner.bin, the entity tagger's weights, from CoNLL-2003 train in
# ../shared/bench/ner (deterministic: same data and lexicons, same bytes), then scores it on testa.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
cargo build --release -q -p dateline-entities --bin ner-conll
target/release/ner-conll train "$shared/bench/ner/conll2003_eng.train.gz" crates/entities/model/ner.bin
target/release/ner-conll eval crates/entities/model/ner.bin "$shared/bench/ner/conll2003_eng.testa.gz"
