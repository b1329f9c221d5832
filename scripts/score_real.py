#!/usr/bin/env python3
"""Scores Dateline's records on the real-page gold set (bench/real/): quotations with their speakers, entities
by type, people's identity across pages, and how well `confidence` is calibrated.

    python3 scripts/score_real.py PRED.jsonl [--labels bench/real/labels.txt] [--pages bench/real/pages.jsonl]
        [--bootstrap N] [--errors]

Quotes are labelled by their first and last words (the pages' texts stay outside the repository); the scorer
finds them in the text Dateline extracted, so a quote lost with its paragraph counts as missed. The rules
follow ../shared/bench/score.py's "cover" rule: a predicted quote is right when at least 80% of its
characters lie inside one gold quote; a gold quote is found when right predictions cover at least half of it.
A speaker is right when the predicted speaker (as resolved, else as written) ends in the gold speaker's last
word; a gold speaker written `~words` is unnamed (`a spokesperson`), and then the mention must share a
word with it. Optional labels (`Q?`, `E?`) count neither way. Entities: a predicted entity is right when
its name or one of its mentions is a form of a gold entity of the same type; `other`, and places named only
by an adjective of nationality (no mention), are not scored.
"""
import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

TYPES = {"per": "person", "org": "organization", "loc": "place"}
STOP = {"the", "a", "an", "of", "in", "on", "at", "for", "and", "to", "by", "with", "from", "as", "s"}


def load_labels(path):
    pages, page = {}, None
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("= "):
            page = {"quotes": [], "entities": []}
            pages[line[2:].strip()] = page
            continue
        head, _, rest = line.partition(" ")
        optional = head.endswith("?")
        if head.rstrip("?") == "Q":
            who, first, last = (part.strip() for part in rest.split("|"))
            kind, _, speaker = who.partition(" ")
            via = None
            if " @" in speaker:
                speaker, via = speaker.split(" @", 1)
            page["quotes"].append({"kind": kind, "speaker": speaker.strip(), "via": via, "first": first,
                                   "last": last, "optional": optional, "line": number})
        elif head.rstrip("?") == "E":
            kind, _, names = rest.partition(" ")
            name, _, forms = names.partition(" = ")
            page["entities"].append({"type": TYPES[kind], "name": name.strip(),
                                     "forms": [f.strip() for f in forms.split(";") if f.strip()],
                                     "optional": optional})
        else:
            sys.exit(f"{path}:{number}: cannot read {line!r}")
    return pages


def folded(text):
    """Lower-case letters and digits only, with each kept character's index in `text`."""
    chars, where = [], []
    for i, c in enumerate(text):
        if c.isalnum():
            chars.append(c.lower())
            where.append(i)
    return "".join(chars), where


def name_key(name):
    name = re.sub(r"[’']s$", "", name.strip())
    words = re.findall(r"\w+", name.lower())
    while words and words[0] in ("the",):
        words = words[1:]
    return " ".join(words)


def last_word(name):
    words = [w for w in re.findall(r"\w+", name.lower()) if w not in STOP]
    return words[-1] if words else ""


def content_words(text):
    return {re.sub(r"s$", "", w) for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 1}


def char_span(text, start, end):
    raw = text.encode("utf-8")
    return len(raw[:start].decode("utf-8", "replace")), len(raw[:end].decode("utf-8", "replace"))


def locate(flat, first, last):
    """The gold quote's span in the folded text: its first words, then its last words after them."""
    a = folded(first)[0]
    b = folded(last)[0]
    i = flat.find(a)
    if i < 0 or not a:
        return None
    j = flat.find(b, i) if b else -1
    if j < 0 or j - i > 4000:
        j = i + len(a) - len(b)
    return i, max(j + len(b), i + len(a))


def speaker_right(gold, quote, forms=()):
    mention = (quote.get("speaker_mention") or {}).get("text") or ""
    said = quote.get("speaker") or ""
    if gold.startswith("~"):
        # A speaker resolved to a name the mention does not hold is another one.
        if said and content_words(said) - content_words(mention) and content_words(said) - content_words(gold[1:]):
            return False
        return bool(content_words(mention) & content_words(gold[1:]))
    name = said or mention
    if not name:
        return False
    # The gold name, or another form the page writes it in (`Liu Xiaming` for Liu Xiaoming).
    return any(last_word(name) == last_word(g) or name_key(name) == name_key(g) for g in (gold, *forms))


def score_page(key, labels, record, tally, errors):
    text = record.get("text") or ""
    flat, where = folded(text)
    at = [0] * (len(text) + 1)
    for k, i in enumerate(where):
        at[i] = k
    # Map a char offset to the folded index at or after it.
    nxt = len(where)
    for i in range(len(text), -1, -1):
        if i < len(text) and text[i].isalnum():
            nxt = at[i]
        at[i] = nxt

    forms_of = {e["name"]: e["forms"] for e in labels["entities"]}
    golds = []
    for q in labels["quotes"]:
        span = locate(flat, q["first"], q["last"])
        golds.append(dict(q, span=span, covered=set(), speaker_ok=False))
        if not q["optional"]:
            tally["gold"] += 1
            tally["gold_" + q["kind"]] += 1
            if span is None:
                tally["gold_lost"] += 1
    for quote in record.get("quotes") or []:
        if quote.get("in_title"):
            continue
        s, e = char_span(text, quote["start"], quote["end"])
        fs, fe = at[s], at[min(e, len(text))]
        size = max(fe - fs, 1)
        best, inside = None, 0
        for g in golds:
            if g["span"] is None:
                continue
            gs, ge = g["span"]
            overlap = max(0, min(fe, ge) - max(fs, gs))
            if overlap > inside:
                best, inside = g, overlap
        conf = float(quote.get("confidence") or 0)
        row = {"page": key, "text": quote["text"], "kind": quote.get("kind"), "cue": quote.get("cue"),
               "speaker": quote.get("speaker"), "mention": (quote.get("speaker_mention") or {}).get("text"),
               "confidence": conf}
        tally["rows"].append(row)
        if best is not None and inside / size >= 0.8:
            row["gold"] = best["speaker"]
            if best["optional"]:
                row["outcome"] = "optional"
                continue
            ok = speaker_right(best["speaker"], quote, forms_of.get(best["speaker"], ()))
            row["outcome"] = "right" if ok else "wrong speaker"
            best["covered"].update(range(max(fs, best["span"][0]), min(fe, best["span"][1])))
            best["speaker_ok"] = best["speaker_ok"] or ok
            tally["pred"] += 1
            tally["pred_content"] += 1
            tally["pred_speaker"] += ok
            tally["bands"].append((conf, ok))
            if best["via"] is not None:
                tally["via_gold"] += 1
                tally["via_right"] += name_key(quote.get("via") or "") == name_key(best["via"])
            elif quote.get("via"):
                tally["via_wrong"] += 1
                errors.append(f"{key} via {quote['via']!r} where none: {quote['text'][:70]!r}")
            if not ok:
                errors.append(f"{key} speaker {quote.get('speaker')!r}/{(quote.get('speaker_mention') or {}).get('text')!r}"
                              f" for {best['speaker']!r}: {quote['text'][:70]!r}")
        else:
            row["outcome"] = "not a quote"
            tally["pred"] += 1
            tally["bands"].append((conf, False))
            errors.append(f"{key} not a quote ({conf:.2f}, {quote.get('speaker')!r}): {quote['text'][:90]!r}")
    for g in golds:
        if g["optional"] or g["span"] is None:
            if not g["optional"]:
                errors.append(f"{key} lost with the text: {g['first']!r}")
            continue
        gs, ge = g["span"]
        if len(g["covered"]) * 2 >= ge - gs:
            tally["found"] += 1
            tally["found_" + g["kind"]] += 1
            if g["speaker_ok"]:
                tally["found_speaker"] += 1
        else:
            errors.append(f"{key} missed {g['kind']} ({g['speaker']}): {g['first']!r}")

    forms = {}
    for ent in labels["entities"]:
        for form in [ent["name"], *ent["forms"]]:
            forms.setdefault(name_key(form), ent)
        if not ent["optional"]:
            tally["ent_gold"][ent["type"]] += 1
    found = set()
    for ent in record.get("entities") or []:
        # `other`, and places named only by an adjective of nationality (`Japanese`), are not scored.
        if ent.get("type") not in ("person", "organization", "place") or not ent.get("mentions"):
            continue
        names = [ent.get("name") or ""] + [m.get("text") or "" for m in ent.get("mentions") or []]
        match = next((forms[name_key(n)] for n in names if name_key(n) in forms), None)
        if match is not None and match["optional"]:
            continue
        if match is not None and match["type"] == ent["type"]:
            tally["ent_tp"][ent["type"]] += 1
            found.add(id(match))
            if match["type"] == "person":
                tally["person_ids"][match["name"]].add(ent.get("id"))
                tally["id_people"][ent.get("id")].add(match["name"])
        else:
            tally["ent_fp"][ent["type"]] += 1
            why = f"is {match['type']} {match['name']!r}" if match else "not in gold"
            errors.append(f"{key} entity {ent['type']} {ent.get('name')!r}: {why}")
    for ent in labels["entities"]:
        if not ent["optional"]:
            if id(ent) in found:
                tally["ent_found"][ent["type"]] += 1
            else:
                errors.append(f"{key} entity missed: {ent['type']} {ent['name']!r}")


def new_tally():
    tally = defaultdict(int)
    tally["bands"] = []
    tally["rows"] = []
    for k in ("ent_gold", "ent_tp", "ent_fp", "ent_found"):
        tally[k] = defaultdict(int)
    tally["person_ids"] = defaultdict(set)
    tally["id_people"] = defaultdict(set)
    return tally


def ratio(a, b):
    return a / b if b else 0.0


def figures(tally):
    p = ratio(tally["pred_speaker"], tally["pred"])
    r = ratio(tally["found_speaker"], tally["gold"])
    tp = sum(tally["ent_tp"].values())
    fp = sum(tally["ent_fp"].values())
    return {"quote_p": p, "quote_r": r, "quote_f": ratio(2 * p * r, p + r),
            "entity_p": ratio(tp, tp + fp),
            "entity_r": ratio(sum(tally["ent_found"].values()), sum(tally["ent_gold"].values()))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pred")
    ap.add_argument("--labels", default="bench/real/labels.txt")
    ap.add_argument("--pages", default="bench/real/pages.jsonl")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--errors", action="store_true", help="list every error, page by page")
    ap.add_argument("--dump", help="write every predicted quotation with its outcome to this JSONL file")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    pages = [json.loads(line) for line in open(args.pages)]
    records = {}
    for line in open(args.pred, encoding="utf-8"):
        rec = json.loads(line)
        records[Path(rec.get("input") or "").name] = rec
    per_page, errors = [], []
    total = new_tally()
    for n, page in enumerate(pages):
        key = f"{n:02d}"
        record = records.get(page["file"], {})
        if not record:
            errors.append(f"{key} no record for {page['file']}")
        one = new_tally()
        for tally in (total, one):
            score_page(key, labels[key], record, tally, errors if tally is total else [])
        per_page.append(one)

    t = total
    f = figures(t)
    print(f"pages: {len(pages)}; gold quotations {t['gold']} (direct {t['gold_d']}, partial {t['gold_p']}, "
          f"indirect {t['gold_i']}; {t['gold_lost']} lost with the text); predicted {t['pred']}")
    print(f"quotations with speaker: precision {f['quote_p']:.3f}  recall {f['quote_r']:.3f}  F1 {f['quote_f']:.3f}")
    print(f"quotations, content only: precision {ratio(t['pred_content'], t['pred']):.3f}  recall "
          f"{ratio(t['found'], t['gold']):.3f}  (direct {ratio(t['found_d'], t['gold_d']):.3f}, partial "
          f"{ratio(t['found_p'], t['gold_p']):.3f}, indirect {ratio(t['found_i'], t['gold_i']):.3f})")
    print(f"via: right on {t['via_right']}/{t['via_gold']} quotes relayed by an outlet; set on "
          f"{t['via_wrong']} quotes relayed by none")
    print("confidence bands (predicted quotations): band  n  mean confidence  right with speaker")
    edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    worst = 0.0
    for lo, hi in zip(edges, edges[1:]):
        band = [(c, ok) for c, ok in t["bands"] if lo <= c < hi]
        if band:
            mean = sum(c for c, _ in band) / len(band)
            right = sum(ok for _, ok in band) / len(band)
            if len(band) >= 10:
                worst = max(worst, abs(mean - right))
            print(f"  [{lo:.1f}, {min(hi, 1):.1f})  {len(band):4d}  {mean:.3f}  {right:.3f}")
    print(f"  largest gap in a band of 10 or more: {worst:.3f}")
    print("quotations with speaker kept at a confidence of at least: threshold  precision  recall")
    for threshold in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9):
        cut = new_tally()
        for n, page in enumerate(pages):
            record = dict(records.get(page["file"], {}))
            record["quotes"] = [q for q in record.get("quotes") or [] if (q.get("confidence") or 0) >= threshold]
            record["entities"] = []
            score_page(f"{n:02d}", {**labels[f"{n:02d}"], "entities": []}, record, cut, [])
        g = figures(cut)
        print(f"  {threshold:.1f}  {g['quote_p']:.3f}  {g['quote_r']:.3f}")
    print("entities: type  precision  recall  (tp, fp, gold)")
    for kind in ("person", "organization", "place"):
        tp, fp, gold = t["ent_tp"][kind], t["ent_fp"][kind], t["ent_gold"][kind]
        print(f"  {kind:12s} {ratio(tp, tp + fp):.3f}  {ratio(t['ent_found'][kind], gold):.3f}  ({tp}, {fp}, {gold})")
    print(f"  all          {f['entity_p']:.3f}  {f['entity_r']:.3f}")
    split = {name: ids for name, ids in t["person_ids"].items() if len(ids) > 1}
    merged = {i: names for i, names in t["id_people"].items() if len(names) > 1}
    print(f"people: {len(t['person_ids'])} found; {len(split)} with more than one id; {len(merged)} ids shared "
          f"by several people")
    for name, ids in sorted(split.items()):
        print(f"  split: {name}: {sorted(ids)}")
    for i, names in sorted(merged.items()):
        print(f"  merged: {i}: {sorted(names)}")
    if args.bootstrap:
        rng = random.Random(7)
        samples = defaultdict(list)
        for _ in range(args.bootstrap):
            pick = new_tally()
            for one in (per_page[rng.randrange(len(per_page))] for _ in per_page):
                for k, v in one.items():
                    if isinstance(v, int) and not isinstance(v, bool):
                        pick[k] += v
                    elif k in ("ent_gold", "ent_tp", "ent_fp", "ent_found"):
                        for kk, vv in v.items():
                            pick[k][kk] += vv
            for k, v in figures(pick).items():
                samples[k].append(v)
        sd = {k: (sum((x - sum(v) / len(v)) ** 2 for x in v) / len(v)) ** 0.5 for k, v in samples.items()}
        print("bootstrap standard deviation over pages (" + str(args.bootstrap) + " resamples): " +
              ", ".join(f"{k} {v:.3f}" for k, v in sd.items()))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for row in t["rows"]:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.errors:
        print("\n".join(errors))


if __name__ == "__main__":
    main()
