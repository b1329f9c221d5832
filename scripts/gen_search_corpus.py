#!/usr/bin/env python3
"""Writes a synthetic news corpus for the search load benchmark (`scripts/bench.sh search`).

    gen_search_corpus.py SHARED_BENCH OUT.jsonl[.gz] COUNT

Each article is a headline and 6-14 sentences drawn (fixed seed) from the real sentences of the PolNeAR and
ECB+ texts in `SHARED_BENCH`, so words keep a real news vocabulary and its skew; each gets one of 60 outlets
and a day in 2024. The texts themselves stay under `target/` and are never committed. Standard library only.
"""
import gzip
import json
import random
import re
import sys

bench, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sentences = []
for name in ("quotes/polnear_train.jsonl.gz", "quotes/polnear_dev.jsonl.gz", "stories/ecbplus_dev.jsonl.gz"):
    with gzip.open(f"{bench}/{name}", "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "")
            for s in re.split(r"(?<=[.!?])\s+", text):
                s = s.strip()
                if 40 <= len(s) <= 400:
                    sentences.append(s)
sentences = sorted(set(sentences))
rng = random.Random(2024)
outlets = [f"Outlet {i:02d}" for i in range(60)]
opener = gzip.open if out.endswith(".gz") else open
with opener(out, "wt", encoding="utf-8") as f:
    for i in range(count):
        body = [rng.choice(sentences) for _ in range(rng.randint(6, 14))]
        title = " ".join(rng.choice(sentences).split()[:rng.randint(6, 12)]).rstrip(",.;:")
        day = 1 + rng.randrange(366)
        month, dom = 1, day
        for m, n in enumerate([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], start=1):
            if dom <= n:
                month = m
                break
            dom -= n
        paras = ["\n".join(body[k:k + 3]) for k in range(0, len(body), 3)]
        f.write(json.dumps({
            "id": f"s{i}",
            "title": title,
            "text": "\n\n".join(paras),
            "published": f"2024-{month:02d}-{dom:02d}",
            "outlet": rng.choice(outlets),
        }) + "\n")
print(f"{out}: {count} articles from {len(sentences)} sentences", file=sys.stderr)
