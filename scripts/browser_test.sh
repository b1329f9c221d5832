#!/usr/bin/env bash
# The web UI in a real browser: headless Chromium renders each page of `dateline serve` over a store built
# from the example corpus, the seeds (when ../shared is beside the repo) and one hostile article, and the
# rendered DOM is checked: search for Peskov, an article with its quotations marked, a person, a story, and
# the hostile article inert (its `<img onerror=…>` headline shown as text, its `javascript:` URL not a link).
# Screenshots of each page (laptop and phone widths) go to target/browser/.
#
#   scripts/browser_test.sh
#
# Installs Chromium with apt-get where it can; skips with a message (exit 0) where it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/browser
mkdir -p "$out"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 || true
  browser=$(command -v chromium || true)
fi
if [ -z "$browser" ]; then
  echo "browser tests skipped: Chromium is not installed and could not be (apt-get install chromium)"
  exit 0
fi

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/dateline"
db=$(mktemp -d)
port=$((18000 + RANDOM % 1000))
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$db"
}
trap cleanup EXIT

hostile="$db/hostile.jsonl"
cat >"$hostile" <<'EOF'
{"id": "pwn-1", "url": "javascript:document.body.setAttribute('data-pwned','url')", "title": "Pwned <img src=x onerror=\"document.body.setAttribute('data-pwned','title')\"> headline", "text": "A hostile page. <script>document.body.setAttribute('data-pwned','script')</script> Its body has markup <img src=x onerror=\"document.body.setAttribute('data-pwned','body')\"> in it, and Dmitry Peskov said it was harmless.", "published": "2021-11-12"}
EOF
inputs=(examples/corpus "$hostile")
[ -d ../shared/corpus/seeds ] && inputs+=(../shared/corpus/seeds)
"$bin" ingest "${inputs[@]}" --db "$db/store" -q --today 2026-11-22 >/dev/null || true
"$bin" serve --db "$db/store" --bind "127.0.0.1:$port" 2>"$out/server.log" &
server=$!
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/openapi.json" >/dev/null 2>&1 && break
  sleep 0.2
done
base="http://127.0.0.1:$port/"

chrome() {
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --no-first-run --virtual-time-budget=8000 "$@" 2>/dev/null
}
# render NAME URL: the DOM after the page's script ran, and screenshots at two widths.
render() {
  chrome --dump-dom "$2" >"$out/$1.html"
  chrome --screenshot="$out/$1.png" --window-size=1280,900 "$2" >/dev/null
  chrome --screenshot="$out/$1-phone.png" --window-size=390,844 "$2" >/dev/null
}
failures=0
check() { # check NAME WHAT PATTERN [absent]
  if grep -q -- "$3" "$out/$1.html"; then found=1; else found=0; fi
  if [ "${4:-}" = absent ]; then found=$((1 - found)); fi
  if [ "$found" = 1 ]; then echo "ok    $1: $2"; else echo "FAIL  $1: $2"; failures=$((failures + 1)); fi
}

render search "${base}#/search?q=Peskov"
check search "results listed" 'class="hit"'
check search "Peskov highlighted in a snippet" '<mark>Peskov</mark>'
check search "outlet facet" 'Outlets'
check search "attention chart" 'class="chart"'

article=$("$bin" search Peskov --db "$db/store" --format jsonl --limit 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
render article "${base}#/article/$article"
check article "quotations marked" 'class="quote"'
check article "entity mentions marked" 'class="ent person"'
check article "where the date came from" 'Published'

render person "${base}#/person/Peskov"
check person "the person's name" 'Dmitry Peskov'
check person "quotations listed" 'Quotations ('

story=$(curl -sf "http://127.0.0.1:$port/api/stories?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
render story "${base}#/story/$story"
check story "timeline" 'class="timeline"'
check story "first report marked" 'first report'

pwn=$("$bin" search pwned --db "$db/store" --format jsonl --limit 1 | python3 -c 'import json,sys,urllib.parse; print(urllib.parse.quote(json.loads(sys.stdin.readline())["id"], safe=""))')
render hostile "${base}#/article/$pwn"
check hostile "headline shown as text" '&lt;img src=x onerror='
check hostile "no script ran" 'data-pwned="' absent
check hostile "no javascript: link" 'href="javascript:' absent
check hostile "no injected img" '<img src="x"' absent

echo "screenshots: $out/{search,article,person,story,hostile}{,-phone}.png"
if [ "$failures" -gt 0 ]; then
  echo "$failures browser checks failed"
  exit 1
fi
echo "browser checks passed"
