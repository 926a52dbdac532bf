#!/usr/bin/env bash
# One idempotent setup step for this project (used by ./render.sh and by the test command).
#
#   1. system packages: cairo/pango headers, LaTeX, dvisvgm, the CJK font and espeak-ng;
#      installed with apt-get when running as root or with password-less sudo,
#      otherwise the exact list to install is printed and the script stops;
#   2. a virtual environment in .venv/ at the repository root;
#   3. the project itself (editable, with the test, voice and listen extras) inside .venv/.
#
#   ./setup.sh --tests   also installs what only the tests need: Debian's chromium and
#                        chromium-driver, the real browser the lesson page is tested in.
#
# Every step checks first and skips what is already there, so a second run takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

say() { printf '[setup] %s\n' "$*"; }

# xdg-utils: `manim -p` calls xdg-open to preview; without it the preview step crashes on a
# headless machine (it normally arrives as a dependency of the packages above).
APT_PACKAGES=(libcairo2-dev libpango1.0-dev pkg-config texlive-latex-base
              texlive-latex-extra dvisvgm fonts-noto-cjk espeak-ng xdg-utils)
for arg in "$@"; do
    case "$arg" in
        --tests) APT_PACKAGES+=(chromium chromium-driver) ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "[setup] unknown option: $arg (known: --tests)" >&2; exit 2 ;;
    esac
done

# --- 1. system packages -------------------------------------------------------------
# A package counts as present when the thing it provides works, so that machines that
# got it some other way (or non-Debian systems) are not asked to install it again.
have_pkg() {
    case "$1" in
        libcairo2-dev)      pkg-config --exists cairo 2>/dev/null ;;
        libpango1.0-dev)    pkg-config --exists pangocairo 2>/dev/null ;;
        pkg-config)         command -v pkg-config >/dev/null ;;
        texlive-latex-base) command -v latex >/dev/null ;;
        texlive-latex-extra) command -v kpsewhich >/dev/null && [ -n "$(kpsewhich standalone.cls 2>/dev/null)" ] ;;
        dvisvgm)            command -v dvisvgm >/dev/null ;;
        fonts-noto-cjk)     command -v fc-list >/dev/null && fc-list 2>/dev/null | grep "Noto Sans CJK SC" >/dev/null ;;  # no -q: SIGPIPE + pipefail
        espeak-ng)          command -v espeak-ng >/dev/null ;;
        xdg-utils)          command -v xdg-open >/dev/null ;;
        chromium)           command -v chromium >/dev/null || command -v chromium-browser >/dev/null ;;
        chromium-driver)    command -v chromedriver >/dev/null ;;
        *)                  return 1 ;;
    esac
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
    # SETUP_PRETEND_MISSING (space-separated names) lets the tests exercise the install branch
    if [[ " ${SETUP_PRETEND_MISSING:-} " == *" $p "* ]] || ! have_pkg "$p"; then missing+=("$p"); fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    say "missing system packages: ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ] || [ -n "${SETUP_PRETEND_NONROOT:-}" ]; then
        if [ -z "${SETUP_PRETEND_NONROOT:-}" ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
            SUDO="sudo"
        else
            SUDO="none"
        fi
    fi
    if [ "$SUDO" = "none" ] || ! command -v apt-get >/dev/null; then
        cat >&2 <<MSG
[setup] cannot install system packages here (needs apt-get and root or password-less sudo).
[setup] Please install these packages, then run this command again:
[setup]     apt-get install --no-install-recommends ${missing[*]}
[setup] (Debian/Ubuntu names; on other systems install the equivalents: cairo and pango
[setup]  development headers, pkg-config, a LaTeX with the standalone class, dvisvgm,
[setup]  the Noto Sans CJK SC font and espeak-ng.)
MSG
        exit 1
    fi
    say "installing with apt-get (this takes a few minutes the first time)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    say "system packages: all present"
fi

# --- 2. virtual environment ---------------------------------------------------------
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "[setup] Python 3.11 or newer is needed; '$PY' is $("$PY" --version 2>&1). Set PYTHON=/path/to/python3.11." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    say "creating .venv/"
    "$PY" -m venv .venv
fi

# --- 3. the project ------------------------------------------------------------------
# Re-install only when the dependency list changed (the install is editable, so code
# edits need no re-install).
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ] || ! .venv/bin/python -c 'import infotheory, scenes.kit, onnxruntime, misaki, faster_whisper, selenium' 2>/dev/null; then
    say "installing the project into .venv/ (pycairo and manimpango compile: a few minutes the first time)"
    log=".venv/install.log"
    if ! { .venv/bin/python -m pip install --upgrade pip && .venv/bin/python -m pip install -e ".[test,voice,listen]"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "[setup] installing the project failed; the full log is $log" >&2
        exit 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
else
    say "project: installed"
fi
say "ready (activate with: source .venv/bin/activate)"
