#!/usr/bin/env bash
# Reproduces crates/quotes/model/attribution.bin, the weights of the quote stage's attribution tagger,
# from the PolNeAR training split in ../shared/bench/quotes (deterministic: same data, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
cargo run --release -q -p dateline-quotes --features train --bin train-quotes -- \
  "$shared/bench/quotes/polnear_train.jsonl.gz" crates/quotes/model/attribution.bin
