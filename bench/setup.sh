#!/usr/bin/env bash
# Create the Python environment used by `marsad bench text` to time CAMeL Tools on the same text.
# camel-tools is installed without its dependencies: the benchmark only calls its pure-Python
# normalization and tokenization functions, which need six, emoji and regex.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv-bench"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet --no-deps camel-tools==1.6.0 six emoji regex
"$venv/bin/python" -c "import camel_tools; print('camel_tools', camel_tools.__version__, 'ready in', '$venv')"
