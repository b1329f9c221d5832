#!/usr/bin/env bash
# Reproduces crates/quotes/model/attribution.bin (the attribution tagger) and verify.bin (the verifier),
# from the PolNeAR training split in ../shared/bench/quotes (deterministic: same data, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
cargo run --release -q -p dateline-quotes --features train --bin train-quotes -- \
  "$shared/bench/quotes/polnear_train.jsonl.gz" crates/quotes/model/attribution.bin
# The quotation verifier, trained on what the stage (with the tagger above) finds in the same texts.
cargo run --release -q -p dateline-quotes --features train --bin train-quotes -- \
  verify "$shared/bench/quotes/polnear_train.jsonl.gz" crates/quotes/model/verify.bin
