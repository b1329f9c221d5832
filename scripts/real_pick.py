#!/usr/bin/env python3
"""Picks the pages of the real-page gold set (bench/real/): a rule over the inputs only, run once before any
page was labelled and before Dateline's output on them was looked at. With `--train`, picks the training
pages instead (bench/real/train-pages.jsonl): by the same rule, the next article-body pages from sites the
gold set does not hold, then wcxb-dev's articles (80 in all), whose quotations were judged to train the
verifier on real pages.

From ../shared/bench/article-body: English news bodies of 1,500-7,000 characters holding at least two
quotation marks, one page per site, in file-name order: the first 30. From ../shared/bench/dates: pages
whose <html lang> or og:locale says English and whose text holds at least two quotation marks, one per site
(and none from a site already taken), in file-name order: the first 10.
"""
import gzip, json, re, sys
from pathlib import Path
from urllib.parse import urlparse

args = [a for a in sys.argv[1:] if a != "--train"]
train = "--train" in sys.argv
shared = Path(args[0] if args else "../shared")
ENGLISH = {"the", "and", "of", "to", "a", "in", "that", "is", "for", "on", "said", "was", "with"}


def site(url):
    host = urlparse(url).netloc.lower()
    return ".".join(host.split(".")[-2:])


def english(text):
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) > 100 and sum(w in ENGLISH for w in words) / len(words) > 0.15


def marks(text):
    return text.count("\u201c") + text.count('"')


picked, sites = [], set()
gold = json.load(gzip.open(shared / "bench/article-body/ground-truth.json.gz"))
for key in sorted(gold):
    body, url = gold[key]["articleBody"], gold[key]["url"]
    if not (1500 <= len(body) <= 7000 and marks(body) >= 2 and english(body)) or site(url) in sites:
        continue
    sites.add(site(url))
    picked.append({"set": "article-body", "file": f"{key}.html.gz", "url": url})
    if len(picked) == 30:
        break

if train:
    held = set(sites)
    extra, more = [], set()
    for key in sorted(gold):
        body, url = gold[key]["articleBody"], gold[key]["url"]
        ok = 1500 <= len(body) <= 7000 and marks(body) >= 2 and english(body)
        if not ok or site(url) in held or site(url) in more:
            continue
        more.add(site(url))
        extra.append({"set": "article-body", "file": f"{key}.html.gz", "url": url})
        if len(extra) == 50:
            break
    # Then wcxb-dev's articles, by the same rule, to make 80.
    wcxb = json.load(gzip.open(shared / "bench/wcxb-dev/ground-truth.json.gz"))
    for key in sorted(wcxb):
        if len(extra) >= 80:
            break
        page = wcxb[key]
        body, url = page.get("articleBody") or "", page.get("url") or ""
        ok = page.get("page_type") == "article" and 1500 <= len(body) <= 7000 and marks(body) >= 2 and english(body)
        if not ok or site(url) in held or site(url) in more:
            continue
        more.add(site(url))
        extra.append({"set": "wcxb-dev", "file": f"{key}.html.gz", "url": url})
    for row in extra:
        print(json.dumps(row))
    sys.exit(0)

dates = json.load(open(shared / "bench/dates/gold.json"))
taken = 0
for url, row in sorted(dates.items(), key=lambda kv: kv[1]["file"]):
    html = gzip.open(shared / "bench/dates" / row["file"]).read().decode("utf-8", "replace")
    head = html[:20000].lower()
    lang = re.search(r"<html[^>]*\blang=[\"']?([a-z]{2})", head)
    locale = re.search(r"og:locale[\"'][^>]*content=[\"']([a-z]{2})", head)
    if not ((lang and lang.group(1) == "en") or (locale and locale.group(1) == "en")):
        continue
    text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    if marks(text) < 2 or not english(text) or site(url) in sites:
        continue
    sites.add(site(url))
    picked.append({"set": "dates", "file": Path(row["file"]).name, "url": url})
    taken += 1
    if taken == 10:
        break

for row in picked:
    print(json.dumps(row))
