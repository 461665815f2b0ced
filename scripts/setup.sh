#!/usr/bin/env bash
# Prepare a fresh Debian machine for gisheat: the system libraries Qt needs,
# CJK fonts, Xvfb, and a local virtual environment with the Python packages.
# Idempotent: re-running only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

DEBS=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
      libglib2.0-0 libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
      libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
      libxrender1 libxi6 fonts-noto-cjk fonts-dejavu-core xvfb xauth)

# Debian's own python3 leaves out ensurepip: its venv module needs python3-venv (python3.X-venv)
if ! "$PYTHON" -c "import ensurepip" >/dev/null 2>&1; then
  DEBS+=("python3-venv")
  pyver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if apt-cache show "python${pyver}-venv" >/dev/null 2>&1; then DEBS+=("python${pyver}-venv"); fi
fi

missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.stamp-setup"
if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install -q --upgrade pip setuptools wheel
  "$VENV/bin/python" -m pip install -q -e ".[test]"
  touch "$stamp"
fi
echo "setup: ready ($("$VENV/bin/python" --version))"
