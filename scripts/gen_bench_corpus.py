#!/usr/bin/env python3
"""Writes a synthetic corpus of scraped-text and HTML news pages for `scripts/bench.sh throughput`.

    gen_bench_corpus.py OUT_DIR [COUNT]

Half the documents are plain text with site chrome around the article (menus, counters, share bars,
contact blocks), half are HTML pages with navigation, related links and a footer. The words are drawn
from a fixed vocabulary with a fixed seed, so every run writes the same corpus. Standard library only.
"""
import os
import random
import sys

WORDS = ("minister council border talks officials said government agency report week market harbour ferry "
         "bridge election region capital crossing statement troops port river train service village police "
         "budget plan court judge trade prices energy winter summer storm repairs tunnel school hospital "
         "company workers union strike deal vote parliament mayor residents road airport flights").split()
PLACES = ["MOSCOW", "WARSAW", "KYIV", "MINSK", "BERLIN", "LONDON", "PARIS", "MADRID", "RIGA", "VILNIUS"]
OUTLETS = ["TASS", "Reuters", "AP", "AFP", "BelTA", "PAP", "Ukrinform"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CHROME_TOP = ["Skip to main content", "Advertisement", "All news", "Live broadcast", "Menu", "Share", "0",
              "Photo: Agency/Press Office", "Select important", "On", "Off"]
CHROME_END = ["Source link", "Follow us on social", "Facebook Twitter Telegram", "0:00", "14:40", "Podcasts"]


def sentence(rng, lo=10, hi=28):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    cut = rng.randint(1, max(1, len(words) - 2))
    words[cut] += ","
    return " ".join(words) + "."


def article(rng):
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize()
    paras = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(4, 12))]
    place, outlet = rng.choice(PLACES), rng.choice(OUTLETS)
    day = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    paras[0] = f"{place}, {day}. /{outlet}/. {paras[0]} The figures have been rising since early 2021."
    return title, paras


def text_page(rng):
    title, paras = article(rng)
    top = rng.sample(CHROME_TOP, rng.randint(2, 6))
    lines = top + ["", title, "", title, ""] + [p + "\n" for p in paras] + rng.sample(CHROME_END, 3)
    return "\n".join(lines)


def html_page(rng, i):
    title, paras = article(rng)
    related = "".join(f'<li><a href="/n/{rng.randint(1, 99999)}">{sentence(rng, 4, 8)}</a></li>' for _ in range(6))
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!doctype html><html lang="en"><head><title>{title} | Example News</title>'
            f'<meta property="og:site_name" content="Example News">'
            f'<meta property="article:published_time" content="2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z">'
            f'</head><body><nav><a href="/">Home</a><a href="/world">World</a></nav>'
            f'<div class="cookie-banner">We use cookies.</div><main><article><h1>{title}</h1>'
            f'<p class="byline">By Staff Writer</p>{body}</article>'
            f'<aside class="related"><ul>{related}</ul></aside></main>'
            f'<footer>Copyright Example News {i}</footer></body></html>')


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rng = random.Random(20261122)
    for i in range(count):
        sub = os.path.join(out, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        if i % 2 == 0:
            path, doc = os.path.join(sub, f"{i:06d}.txt"), text_page(rng)
        else:
            path, doc = os.path.join(sub, f"{i:06d}.html"), html_page(rng, i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc)
    print(f"wrote {count} documents to {out}")


if __name__ == "__main__":
    main()
