#!/usr/bin/env python3
"""Title, author and is_article accuracy against wcxb-dev's gold (`scripts/bench.sh body` prints them).

    score_fields.py GROUND_TRUTH.json.gz PRED.jsonl [--type article]

- title: right when the words of ours and the gold's are the same (case, punctuation and a site name after a
  separator aside: `Gold | Site` counts as `Gold`).
- author: over the pages whose gold names one: right when every gold name is among ours and ours adds none
  (names compared by their words, case aside; gold `A, B and C` is three names). Pages without an author in
  the gold count as right when we give none (printed apart).
- is_article: ours against `page_type == "article"`.
A prediction is joined to the gold on its input's file stem, as score.py does.
"""
import gzip
import json
import re
import sys

WORD = re.compile(r"\w+")


def words(s):
    return WORD.findall((s or "").lower())


def names(s):
    if not s:
        return set()
    parts = re.split(r",|;|\band\b|&", s)
    out = set()
    for p in parts:
        w = tuple(words(p))
        # Credentials after a name (`MS`, `RD`) are not names.
        if w and not (len(w) == 1 and len(w[0]) <= 4 and w[0].upper() == p.strip().upper()):
            out.add(w)
    return out


gold = json.load(gzip.open(sys.argv[1]))
only = sys.argv[sys.argv.index("--type") + 1] if "--type" in sys.argv else None
pred = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    key = r["provenance"]["input"].rsplit("/", 1)[-1].split(".")[0]
    pred[key] = r
n = title_ok = art_ok = 0
auth_n = auth_ok = noauth_n = noauth_ok = 0
for k, g in gold.items():
    if only and g.get("page_type") != only:
        continue
    p = pred.get(k, {})
    n += 1
    gt, pt = words(g.get("title")), words(p.get("title"))
    title_ok += bool(gt) and (gt == pt or pt[: len(gt)] == gt and len(pt) - len(gt) <= 6)
    art_ok += (g.get("page_type") == "article") == bool(p.get("is_article"))
    ours = set()
    for a in p.get("authors") or []:
        ours |= names(a)
    if g.get("author"):
        auth_n += 1
        auth_ok += names(g["author"]) == ours
    else:
        noauth_n += 1
        noauth_ok += not ours
print(f"fields: pages={n} title={title_ok / max(1, n):.3f} is_article={art_ok / max(1, n):.3f} "
      f"author={auth_ok / max(1, auth_n):.3f} ({auth_n} pages with an author) "
      f"no-author-right={noauth_ok / max(1, noauth_n):.3f} ({noauth_n} pages without)")
