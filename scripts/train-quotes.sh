#!/usr/bin/env bash
# Reproduces crates/quotes/model/attribution.bin (the attribution tagger) and verify.bin (the verifier) from
# the PolNeAR training split in ../shared/bench/quotes and, for the verifier, the quotations judged on the
# real training pages (bench/real/train-pages.jsonl, train-judgments.txt; pages from ../shared/bench/
# article-body). Deterministic: same data, same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
cargo run --release -q -p dateline-quotes --features train --bin train-quotes -- \
  "$shared/bench/quotes/polnear_train.jsonl.gz" crates/quotes/model/attribution.bin
# The verifier, trained on what the stage (with the tagger above) finds in the same texts and in the pages'
# text as Dateline extracts it.
cargo build --release -q
mkdir -p target/verify
python3 - "$shared" >target/verify/pages.txt <<'PY'
import json, sys
for line in open("bench/real/train-pages.jsonl"):
    page = json.loads(line)
    print(f"{sys.argv[1]}/bench/{page['set']}/html/{page['file']}")
PY
xargs target/release/dateline extract -q --no-analysis --format jsonl -o target/verify/pages.jsonl <target/verify/pages.txt
cargo run --release -q -p dateline-quotes --features train --bin train-quotes -- \
  verify "$shared/bench/quotes/polnear_train.jsonl.gz" crates/quotes/model/verify.bin \
  --real target/verify/pages.jsonl bench/real/train-judgments.txt
