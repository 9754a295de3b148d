#!/usr/bin/env bash
# Browser test of the story report: builds the pages, opens them in Debian's Chromium through
# playwright-core and checks what a reader sees. Exits non-zero on failure; skips (exit 0, with
# a message) only where no browser is installed and none can be.
#
#   tests/browser/run.sh            # screenshots go to a fresh temporary directory
#   MARSAD_SCREENSHOTS=DIR tests/browser/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$chromium" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "browser test: installing chromium with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -x "$chromium" ]; then
  echo "browser test: SKIPPED — no Chromium at $chromium and none can be installed here (needs apt-get as root)"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "browser test: SKIPPED — node/npm not installed"
  exit 0
fi

work="$(mktemp -d)"
export MARSAD_SCREENSHOTS="${MARSAD_SCREENSHOTS:-$work}"
mkdir -p "$MARSAD_SCREENSHOTS"

cd "$root"
cargo build -q --bin marsad
cargo build -q -p marsad-fuse --example synthetic_story --example seed_gold_story
# the bundled synthetic story: always there, must show contradictions
./target/debug/examples/synthetic_story "$work/example.jsonl" >/dev/null
./target/debug/marsad story --from analysis --format html --out "$work/example.html" "$work/example.jsonl"
pages="$work/example.html=must-conflict"
# the seed reports, when the shared data is beside the repository
shared="${MARSAD_SHARED:-$root/../shared}"
if [ -d "$shared/corpus/seeds" ]; then
  ./target/debug/marsad story --format html --out "$work/seeds.html" "$shared"/corpus/seeds/*.txt
  pages="$pages,$work/seeds.html"
  # the same reports with their gold claims: the contradictions the seed story must show
  ./target/debug/examples/seed_gold_story "$shared" "$work/seeds-gold.jsonl" >/dev/null
  ./target/debug/marsad story --from analysis --format html --out "$work/seeds-gold.html" "$work/seeds-gold.jsonl"
  pages="$pages,$work/seeds-gold.html=must-conflict"
else
  echo "browser test: $shared/corpus/seeds absent — checking the bundled example only"
fi

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM="$chromium" MARSAD_PAGES="$pages" node --test story.test.mjs
