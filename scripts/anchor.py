"""Anchor tools for `scripts/bench.sh`: runs trafilatura (body) or htmldate (dates) over the same pages as
Dateline, one page at a time on one thread, and writes JSONL records the scorer reads (`input`, `text` or
`published`). Prints pages/s measured on the extraction call alone (CPU time of this process), so file
reading and decompression are not charged to the anchor.

    python3 scripts/anchor.py body|dates HTML_DIR OUT.jsonl
"""
import gzip
import json
import os
import sys
import time


def pages(folder):
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as f:
            yield path, f.read().decode("utf-8", "replace")


def main():
    task, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if task == "body":
        import trafilatura

        def run(html):
            return {"text": trafilatura.extract(html, include_comments=False) or ""}
    elif task == "dates":
        from htmldate import find_date

        def run(html):
            return {"published": find_date(html, extensive_search=True, original_date=True)}
    else:
        sys.exit(f"unknown task {task!r}: body or dates")
    spent, count = 0.0, 0
    with open(out, "w", encoding="utf-8") as sink:
        for path, html in pages(folder):
            start = time.process_time()
            try:
                rec = run(html)
            except Exception as exc:  # an anchor failure is its miss, not the benchmark's end
                rec = {"error": str(exc)}
            spent += time.process_time() - start
            count += 1
            rec["input"] = path
            sink.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{task} anchor: {count} pages in {spent:.2f} CPU s: {count / spent:.1f} pages/s")


if __name__ == "__main__":
    main()
