#!/usr/bin/env bash
# Browser test of the story report: builds the pages, opens them in Debian's Chromium through
# playwright-core and checks what a reader sees. Exits non-zero on failure; skips (exit 0, with
# a message) only where no browser is installed and none can be: no Chromium and no apt-get
# (as root) to install it, or no node/npm. Works from a clean clone: `npm ci` installs
# playwright-core from package-lock.json (no browser download; Debian's Chromium is used).
#
#   tests/browser/run.sh            # screenshots go to a fresh temporary directory
#   MARSAD_SCREENSHOTS=DIR tests/browser/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
find_chromium() {
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] && echo "$CHROMIUM"
    return 0
  fi
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
}

chromium="$(find_chromium)"
if [ -z "$chromium" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "browser test: installing chromium with apt-get"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      echo "browser test: apt-get could not install chromium"
    fi
    chromium="$(find_chromium)"
  fi
fi
if [ -z "$chromium" ]; then
  echo "browser test: SKIPPED — no Chromium found (CHROMIUM, chromium, chromium-browser) and none can be installed here (needs apt-get as root)"
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
cargo build -q -p marsad-fuse --example synthetic_story
# the bundled synthetic story: always there, must show contradictions
./target/debug/examples/synthetic_story "$work/example.jsonl" >/dev/null
./target/debug/marsad story --from analysis --format html --out "$work/example.html" "$work/example.jsonl"
pages="$work/example.html=must-conflict"
# the seed reports, when the shared data is beside the repository
shared="${MARSAD_SHARED:-$root/../shared}"
if [ -d "$shared/corpus/seeds" ]; then
  # the seed reports as the product reads them: the known contradictions must show
  ./target/debug/marsad story --format html --out "$work/seeds.html" "$shared"/corpus/seeds/*.txt
  pages="$pages,$work/seeds.html=must-conflict"
else
  echo "browser test: $shared/corpus/seeds absent — checking the bundled example only"
fi

cd "$here"
# playwright-core only drives the browser: never let it download one
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
CHROMIUM="$chromium" MARSAD_PAGES="$pages" node --test story.test.mjs
