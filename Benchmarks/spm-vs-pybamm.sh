#!/usr/bin/env bash
# The simulator's cathode particles against an independent model: PyBaMM's
# single-particle model (SPM) with the same particle radius, diffusivity, OCV
# curve, capacity and series resistance. Discharges NMC811 | Li6PS5Cl | Li-In
# from full charge at C/10, C/2, 1C and 2C and prints both capacities and the
# voltage curves' RMS difference. Goals: capacities within 3 % of nominal,
# voltages within 20 mV RMS. Installs pybamm into .venv-bench-pybamm on first
# use (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-bench-pybamm
req=Benchmarks/spm-vs-pybamm/requirements.txt
if ! cmp -s "$req" "$venv/requirements.installed" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  cp "$req" "$venv/requirements.installed"
fi
swift build -c release --product spm-bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$(swift build -c release --show-bin-path)/spm-bench" "$work"
"$venv/bin/python" Benchmarks/spm-vs-pybamm/compare.py "$work"
