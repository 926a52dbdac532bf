#!/usr/bin/env bash
# Build the cross-entropy film: set up what is missing, render the sections, assemble out/.
#   ./render.sh [--quality l|m|h|k] [--sections s1,s3] [--jobs N] [--voice recorded|kokoro|espeak|none] [--listen]
#              [--examples my_class.toml] [--narration-only]
#   ./render.sh --record [--sections s3] [--no-browser]    # record the narration in your own voice
#   ./render.sh --help
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# Check the arguments before the (first-time slow) setup; only the standard library is needed.
# -P keeps the current directory off sys.path; PYTHONPATH names the repository for this one check.
for a in "$@"; do
    if [ "$a" = "-h" ] || [ "$a" = "--help" ]; then
        PYTHONPATH="$ROOT" python3 -P -m scenes.builder --help
        exit 0
    fi
done
PYTHONPATH="$ROOT" python3 -P -m scenes.builder --parse-only "$@" || exit $?

./setup.sh
exec .venv/bin/python -m scenes.builder "$@"
