#!/usr/bin/env bash
# Installs what cyclerd builds and tests against, if any of it is missing:
# the system C libraries, the wire-level test peers (umockdev's emulated USB,
# socat pty pairs), gnuplot for `cyclerctl plot`, promtool (Debian's prometheus) to check
# the metrics, and a Python venv with pymodbus (the independent Modbus peer), schemathesis and websockets.
# Debian 12; needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(libusb-1.0-0-dev libmodbus-dev libsqlite3-dev pkg-config umockdev libumockdev-dev socat python3-venv gnuplot-nox prometheus)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
# The Python peers the tests talk to live in .venv (see scripts/python-requirements.txt).
if ! cmp -s scripts/python-requirements.txt .venv/requirements.installed 2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r scripts/python-requirements.txt
  cp scripts/python-requirements.txt .venv/requirements.installed
fi
