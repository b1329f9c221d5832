"""Scores Dateline's quotes on PolNeAR as `score.py quotes` does, except that each speaker mention is taken at
its own byte offsets in the record's `text` instead of being searched for as a string near the quotation.

score.py finds a mention by its words: the occurrence of `he` nearest the content, which is often the `he` of
`the` or `when` inside the quotation, so a right mention can count as wrong. This second figure shows how much
of the content+speaker gap that accounts for; score.py's figure stays the one reported.

    python3 scripts/quote_mentions.py ../shared/bench GOLD.jsonl.gz PREDICTIONS.jsonl
"""

import re
import sys


def main(bench_dir, gold_path, pred_path):
    sys.path.insert(0, bench_dir)
    import score

    pred, items = score.predictions(pred_path), []
    for g in score.load_jsonl(gold_path):
        raw = g["text"]
        text_n = score.norm(raw)
        gold = []
        for q in g["quotes"]:
            gc = set()
            for s, e in q["content"]:
                at = score.locate(text_n, raw[s:e], near=len(score.norm(raw[:s])))
                if at:
                    gc |= score.charset(text_n, *at)
            gs = set()
            for s, e in q.get("source", []):
                sa = score.locate(text_n, raw[s:e], near=len(score.norm(raw[:s])))
                gs |= score.charset(text_n, *sa) if sa else set()
            gold.append((gc, gs, q.get("type", "indirect")))
        record = pred.get(score.key_of(g["doc"])) or {}
        ours = record.get("text", "")
        ours_bytes = ours.encode("utf-8")
        # Where the record's text starts in the normalised document (the first line became the title).
        shift = text_n.find(score.norm(ours)[:100])
        pred_q = []
        for q in record.get("quotes", []):
            pc, first = set(), None
            for piece in q.get("fragments") or [q.get("text", "")]:
                at = score.locate(text_n, piece, near=first)
                if at:
                    pc |= score.charset(text_n, *at)
                    first = at[0] if first is None else first
            m = q.get("speaker_mention") or {}
            ms = set()
            if m.get("text") and shift >= 0 and m.get("start") is not None:
                # Cleaning may have dropped a line or two before it: the whole-word occurrence nearest the
                # mapped offset.
                before = ours_bytes[: m["start"]].decode("utf-8", "replace")
                near = shift + len(score.norm(before + "x")) - 1
                needle = score.norm(m["text"])
                hits = [h.start() for h in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text_n)]
                if hits:
                    s = min(hits, key=lambda h: abs(h - near))
                    ms = score.charset(text_n, s, s + len(needle))
            pred_q.append((pc or None, ms))
        items.append((text_n, gold, pred_q))
    print("mentions at their own offsets:")
    score.quote_scores(items)


if __name__ == "__main__":
    main(*sys.argv[1:4])
