#!/usr/bin/env bash
# The project's test command: every crate's unit, integration and doc tests, then the
# browser test of the HTML report (which skips with a message where no browser exists).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
if [ -x tests/browser/run.sh ]; then
  tests/browser/run.sh
fi
