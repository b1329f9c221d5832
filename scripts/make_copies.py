#!/usr/bin/env python3
"""Builds a labelled corpus of copies from news texts, for `scripts/bench.sh links`.

    make_copies.py POLNEAR.jsonl.gz OUT.jsonl [SEED]

Each input text is a family's `base`; three copies are made of it, each as other outlets make them:
- `syndicated`: the same body inside another site's menus and footer, a new headline, the last paragraph cut
  or dropped;
- `light_edit`: house-style edits (`per cent`/`percent`, `mln`/`million`, `U.S.`/`US`, `Mr.`/`Mr`, digits
  grouped or not), one sentence dropped, a new headline;
- `spun`: what a content farm's spinner does: about 35% of the words swapped for words of the same word
  cluster (crates/entities/data/clusters.tsv.gz: rows of spaCy's en_core_web_md vectors), sentences shuffled
  within paragraphs and about 20% dropped, connectives added, attributions inverted (`X said` -> `said X`).
A text that shares a tenth of its shingles with an earlier one is left out (the source's own copies).
Lines: {id, family, kind, date, title, text}; dates put copies on the base's day or up to two days later, and
the lines are shuffled, so a copy often comes before its original. The texts are never committed.
"""
import collections
import gzip
import json
import random
import re
import sys

STOP = set("""a about after all also an and any are as at be because been before being but by can could did do does
for from had has have he her his how i if in into is it its me more most my no not of on one or other our out over
she so some such than that the their them then there these they this those through to up us was we were what when
where which while who will with would you your said says say told""".split())
CONNECTIVES = ["Moreover, ", "Furthermore, ", "In addition, ", "Meanwhile, ", "Additionally, ", "Also, "]
MENUS = ["Home | World | Politics | Business | Opinion", "Menu\nNews\nSport\nWeather", "Skip to content",
         "Subscribe | Log in | Newsletters"]
FOOTERS = ["Related: Five things to know this week", "Copyright 2016. All rights reserved.",
           "Share this article: Facebook Twitter Email", "Read more: Latest headlines"]
HOUSE = [(r"\bper cent\b", "percent"), (r"\bpercent\b", "per cent"), (r"\bmillion\b", "mln"),
         (r"\bU\.S\.", "US"), (r"\bMr\. ", "Mr "), (r"\bMrs\. ", "Mrs "), (r"\b(\d),(\d{3})\b", r"\1\2")]
SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“A-Z0-9])")


def clusters(path):
    by_row, row_of = collections.defaultdict(list), {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            w, r = line.rstrip("\n").split("\t")
            if w.isalpha() and w.islower() and w not in STOP:
                by_row[r].append(w)
                row_of[w] = r
    return by_row, row_of


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def headline(rng, text):
    words = re.findall(r"[A-Za-z][\w'-]*", text)[:40]
    rng.shuffle(words)
    return " ".join(words[:8]).capitalize() if words else "News"


def syndicated(rng, paras):
    body = list(paras)
    if len(body) > 2 and rng.random() < 0.5:
        body.pop()
    elif body:
        words = body[-1].split()
        body[-1] = " ".join(words[: max(3, len(words) // 2)]) + "..."
    return rng.choice(MENUS) + "\n\n" + "\n\n".join(body) + "\n\n" + rng.choice(FOOTERS)


def light_edit(rng, paras):
    text = "\n\n".join(paras)
    for pat, rep in rng.sample(HOUSE, 4):
        text = re.sub(pat, rep, text)
    sents = [s for p in text.split("\n\n") for s in SENT.split(p)]
    if len(sents) > 3:
        drop = rng.randrange(1, len(sents))
        victim = sents[drop]
        text = text.replace(victim, "", 1).replace("\n\n\n\n", "\n\n")
    return text


def invert(sentence):
    # `…, Mr Smith said.` -> `…, said Mr Smith.`; `Smith said that …` -> `Said Smith that …` is not English;
    # only the trailing attribution is inverted, as spinners do.
    return re.sub(r", ((?:[A-Z][\w.'’-]*\s?){1,4}) (said|says|told reporters)([.,])", r", \2 \1\3", sentence)


def spin(rng, paras, by_row, row_of):
    out = []
    for p in paras:
        sents = SENT.split(p)
        kept = [s for s in sents if rng.random() >= 0.2] or sents[:1]
        rng.shuffle(kept)
        new = []
        for s in kept:
            s = invert(s)
            words = re.split(r"(\W+)", s)
            for i, w in enumerate(words):
                if w in row_of and rng.random() < 0.6:
                    options = [x for x in by_row[row_of[w]] if x != w]
                    if options:
                        words[i] = rng.choice(options)
            s = "".join(words)
            if rng.random() < 0.15 and s[:1].isupper():
                s = rng.choice(CONNECTIVES) + s[0].lower() + s[1:]
            new.append(s)
        out.append(" ".join(new))
    return "\n\n".join(out)


def main():
    src, out_path = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    by_row, row_of = clusters("crates/entities/data/clusters.tsv.gz")
    lines = []
    # A text that shares a tenth of its 5-shingles with an earlier one is the same story twice in the source
    # (news sets hold copies too): it would make a family out of two, so it is left out.
    seen = collections.defaultdict(set)
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            d = json.loads(line)
            paras = paragraphs(d["text"])
            if sum(len(p.split()) for p in paras) < 80:
                continue
            words = re.findall(r"\w+", d["text"].lower())
            shingles = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
            shared = collections.Counter(k for sh in shingles for k in seen.get(sh, ()))
            if shared and max(shared.values()) >= 0.1 * len(shingles):
                continue
            for sh in shingles:
                seen[sh].add(n)
            fam = f"f{n}"
            day = 1 + rng.randrange(300)
            date = lambda extra: f"2016-{1 + (day + extra) // 31 % 12:02d}-{1 + (day + extra) % 28:02d}"
            lines.append({"id": f"{fam}-base", "family": fam, "kind": "base", "date": date(0),
                          "title": paras[0][:90], "text": "\n\n".join(paras)})
            lines.append({"id": f"{fam}-syn", "family": fam, "kind": "syndicated", "date": date(rng.randrange(3)),
                          "title": headline(rng, d["text"]), "text": syndicated(rng, paras)})
            lines.append({"id": f"{fam}-edit", "family": fam, "kind": "light_edit", "date": date(rng.randrange(3)),
                          "title": headline(rng, d["text"]), "text": light_edit(rng, paras)})
            lines.append({"id": f"{fam}-spun", "family": fam, "kind": "spun", "date": date(rng.randrange(3)),
                          "title": headline(rng, d["text"]), "text": spin(rng, paras, by_row, row_of)})
    rng.shuffle(lines)
    with open(out_path, "w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(f"{out_path}: {len(lines)} documents, {len(lines) // 4} families")


if __name__ == "__main__":
    main()
