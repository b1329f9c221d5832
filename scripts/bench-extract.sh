#!/usr/bin/env bash
# Throughput and peak memory of `dateline extract` on a generated corpus of text + HTML news pages.
#
#   scripts/bench-extract.sh [COUNT]      (default 100000 documents; corpus cached under target/)
#
# Prints Dateline's own summary line (documents/s, MiB/s, peak RSS) for a run on all cores and one on a
# single thread (RAYON_NUM_THREADS=1), so the scaling across cores shows too.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
corpus="target/bench-corpus-$count"
if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  python3 scripts/gen_bench_corpus.py "$corpus" "$count"
  touch "$corpus/.done"
fi
cargo build --release --quiet
echo "corpus: $count documents, $(du -sh "$corpus" | cut -f1) on disk; $(nproc) cores"
echo "== all cores"
target/release/dateline extract "$corpus" -o /dev/null --today 2026-11-22
echo "== one thread"
RAYON_NUM_THREADS=1 target/release/dateline extract "$corpus" -o /dev/null --today 2026-11-22
