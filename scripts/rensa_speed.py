#!/usr/bin/env python3
"""The anchor for `scripts/bench.sh links`: rensa's MinHash signatures and LSH on the same texts, one thread.

    rensa_speed.py COPIES.jsonl

Only rensa's own step is timed (RMinHash of 128 permutations over word 5-shingles, LSH of 32 bands: query,
then insert), not Python's shingling, as NOTES.md measured it; the best of fifteen runs, as on Dateline's side.
"""
import json
import re
import sys
import time

import rensa

# Runs of each side; the best is kept (a shared machine slows some runs, never speeds one up).
ROUNDS = 15

texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
shingles = []
for t in texts:
    w = re.findall(r"\w+", t.lower())
    shingles.append([" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))])
# Best of ROUNDS, as Dateline's side is timed.
cpu = float("inf")
for _ in range(ROUNDS):
    start = time.process_time()
    lsh = rensa.RMinHashLSH(0.5, 128, 32)
    for i, s in enumerate(shingles):
        m = rensa.RMinHash(128, 42)
        m.update(s)
        lsh.query(m)
        lsh.insert(i, m)
    cpu = min(cpu, time.process_time() - start)
print(f"rensa {rensa.__version__ if hasattr(rensa, '__version__') else ''}: {len(texts)} documents in {cpu:.3f} CPU s (best of {ROUNDS}): "
      f"{len(texts) / cpu:.0f} docs/s (signature + LSH only)")
