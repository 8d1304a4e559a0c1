#!/usr/bin/env bash
# Set up everything doctools needs on a fresh Debian machine: system tools (as root, via
# apt-get, only those missing) and a .venv with the project. Idempotent and quick on rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
VENV=.venv
TORCH_VERSION=2.13.0

# --- system tools: poppler (pdftotext/pdffonts/pdftoppm), LibreOffice (DOCX checks),
# --- Chromium (review page test), LXGW WenKai is shipped in fonts/ so not needed here.
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: warning: missing system packages (${need[*]}); install them for the full test suite" >&2
  fi
fi

# --- Python environment
stamp=$VENV/.doctools-installed
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  if ! "$VENV/bin/python" -c "import torch" >/dev/null 2>&1; then
    # argostranslate pulls stanza -> torch; a plain 'torch' from PyPI is the multi-GB CUDA
    # build, so install the CPU build first: a local wheel if the machine has one.
    wheel=$(ls /opt/wheels/torch-${TORCH_VERSION}+cpu-*.whl 2>/dev/null | head -n 1 || true)
    if [ -n "$wheel" ]; then
      "$VENV/bin/python" -m pip install -q "$wheel"
    else
      # PyTorch's own CPU index; only where it cannot be reached, the default PyPI build.
      "$VENV/bin/python" -m pip install -q "torch==${TORCH_VERSION}" --index-url https://download.pytorch.org/whl/cpu \
        || "$VENV/bin/python" -m pip install -q "torch==${TORCH_VERSION}"
    fi
  fi
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
echo "setup: ready ($VENV)"
