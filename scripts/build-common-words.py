#!/usr/bin/env python3
"""Rebuilds crates/entities/data/common-words.txt.gz: English words that news text writes in lower case (at
least three times, and four times as often as capitalised inside a sentence), counted over the CoNLL-2003
training split and the PolNeAR training texts in ../shared/bench. A one-word name seen only where any word is
capitalised (a sentence's start, a heading) is no name when it is one of these (`Unless`, `Suspension`).

    python3 scripts/build-common-words.py [SHARED]

Deterministic: same data, same bytes (gzip without a timestamp).
"""
import collections
import gzip
import io
import json
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
lower = collections.Counter()
capitalised = collections.Counter()
WORD = re.compile(r"[A-Za-z][a-z'’-]*")


def feed(tokens):
    """Counts each word's forms; a capitalised word counts only away from a sentence's start."""
    start = True
    for t in tokens:
        if not WORD.fullmatch(t):
            start = t in '.!?:"“”' or (start and t in "\"“‘'(")
            continue
        if t[0].islower():
            lower[t.lower()] += 1
        elif not start:
            capitalised[t.lower()] += 1
        start = False


tokens = []
with gzip.open(f"{shared}/bench/ner/conll2003_eng.train.gz", "rt", encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            feed(tokens)
            tokens = []
            continue
        tokens.append(parts[0])
feed(tokens)
with gzip.open(f"{shared}/bench/quotes/polnear_train.jsonl.gz", "rt", encoding="utf-8") as f:
    for line in f:
        for para in json.loads(line)["text"].split("\n"):
            feed(re.findall(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]", para))

common = sorted(w for w, n in lower.items() if n >= 3 and n >= 4 * capitalised[w])
out = io.BytesIO()
with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as z:
    z.write(("\n".join(common) + "\n").encode())
with open("crates/entities/data/common-words.txt.gz", "wb") as f:
    f.write(out.getvalue())
print(f"{len(common)} common words")
