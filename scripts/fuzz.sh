#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for SECONDS each (default 60) and prints executions and findings per
# target. Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      JOBS=2 runs two targets at a time
#
# Seed corpora are generated under fuzz/corpus/ from the example corpus and, when present, ../shared (never
# committed). A finding (crash, an input over 1 s, over 2 GiB) is saved under fuzz/artifacts/TARGET/ and
# ends that target's run; reproduce it with `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
shared="${DATELINE_SHARED:-../shared}"
jobs="${JOBS:-1}"
all=(ingest warc feed jsonl charset dates text html quotes entities link)
targets=("${@:-${all[@]}}")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

cargo +nightly fuzz build -s none -a >/dev/null 2>&1 || cargo +nightly fuzz build -s none -a

# Seeds: inputs for the readers, texts for the stages, each cut to the few KiB a target mutates (small inputs
# keep executions fast). A text seed starts with the flag byte the `text` and `html` targets read (1 = with
# a crawl date, 2 = with a URL).
python3 - "$shared" <<'PY'
import gzip, json, os, pathlib, sys
shared = pathlib.Path(sys.argv[1])
root = pathlib.Path("fuzz/corpus")
def put(target, name, data):
    data = data[: 8192 if target in ("ingest", "warc", "charset", "html") else 4096]
    d = root / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)
examples = sorted(pathlib.Path("examples/corpus").iterdir())
for p in examples:
    data = p.read_bytes()
    put("ingest", p.name, data)
    if p.suffix == ".gz":
        data = gzip.decompress(data)
    if b"WARC/" in data[:10]:
        put("warc", p.name, data)
    if b"<rss" in data or b"<feed" in data:
        put("feed", p.name, data)
    if p.suffix == ".html":
        put("charset", p.name, data)
        put("html", p.name, b"\x03" + data)
    if p.suffix == ".txt":
        put("dates", p.name, data)
        put("link", p.name, data)
        for t in ("text", "quotes", "entities"):
            put(t, p.name, (b"\x01" if t == "text" else b"") + data)
seeds = sorted((shared / "corpus/seeds").glob("*.txt")) if shared.is_dir() else []
lines = []
for p in seeds:
    data = p.read_bytes()
    put("ingest", p.name, data)
    put("dates", p.name, data)
    put("link", p.name, data)
    for t in ("text", "quotes", "entities"):
        put(t, p.name, (b"\x00" if t == "text" else b"") + data)
    lines.append(json.dumps({"id": p.stem, "text": data.decode("utf-8", "replace")}))
put("jsonl", "seeds.jsonl", ("\n".join(lines) + "\n{broken\n").encode())
for bench in ("article-body", "dates"):
    pages = sorted((shared / "bench" / bench / "html").glob("*.html.gz"))[:12] if shared.is_dir() else []
    for p in pages:
        raw = p.read_bytes()
        html = gzip.decompress(raw)[:8000]
        put("ingest", p.name, gzip.compress(html))
        put("charset", p.name[:-3], html)
        put("html", p.name[:-3], b"\x01" + html)
        put("dates", p.name[:-3], html)
PY

run_one() {
  local t="$1" max_len=4096
  case "$t" in ingest | warc | charset | html) max_len=8192 ;; esac
  mkdir -p "fuzz/artifacts/$t" "target/fuzz-logs"
  local log="target/fuzz-logs/$t.log"
  cargo +nightly fuzz run -s none -a "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 >"$log" 2>&1 || true
  local execs findings
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  findings=$(find "fuzz/artifacts/$t" -type f | wc -l)
  printf '%-10s %12s executions  %3s findings\n' "$t" "${execs:-0}" "$findings"
}

printf '%-10s %12s\n' target executions
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
total=0
for t in "${targets[@]}"; do
  n=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "target/fuzz-logs/$t.log" 2>/dev/null | grep -oE '[0-9]+$' | tail -1)
  total=$((total + ${n:-0}))
done
echo "total: $total executions; findings: $(find fuzz/artifacts -type f 2>/dev/null | wc -l) (fuzz/artifacts/)"
