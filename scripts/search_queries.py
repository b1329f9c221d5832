#!/usr/bin/env python3
"""Queries for the search load benchmark, drawn (fixed seed) from a corpus `gen_search_corpus.py` wrote:
single words as they occur (so common words come often), two words (both required), and two-word phrases.

    search_queries.py CORPUS.jsonl OUT.txt [N]
"""
import json
import random
import re
import sys

corpus, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 500
rng = random.Random(7)
texts = []
with open(corpus, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i >= 5000:
            break
        texts.append(json.loads(line)["text"])
queries = []
while len(queries) < n:
    words = [w for w in re.findall(r"[A-Za-z]{4,}", rng.choice(texts))]
    if len(words) < 3:
        continue
    k = rng.randrange(len(words) - 1)
    r = rng.random()
    if r < 0.6:
        queries.append(words[k].lower())
    elif r < 0.85:
        queries.append(f"{words[k].lower()} {rng.choice(words).lower()}")
    else:
        queries.append(f'"{words[k].lower()} {words[k + 1].lower()}"')
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(queries) + "\n")
