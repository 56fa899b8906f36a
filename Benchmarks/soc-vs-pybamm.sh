#!/usr/bin/env bash
# The live model's SOC on a cell it has never seen, against an independent
# physics model: PyBaMM's DFN with the Chen2020 parameter set (LG M50). The
# cell file holds only the datasheet capacity and the pseudo-OCV of a C/50
# discharge (no resistances); the run starts at full charge directly into a
# C/2 discharge, then rests, drive cycles and a C/2 charge. It runs twice:
# clean, and as a channel reads it (1 mV voltage noise, a current offset of
# 0.5 % of 1C). Prints, per run, the SOC RMSE over the whole run, the largest
# error after the first 5 minutes and the fraction of samples whose truth
# lies within 2σ. Goals: below 1.5 %, below 5 %, at least 85 %.
# Installs pybamm into .venv-bench-pybamm on first use (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-bench-pybamm
req=Benchmarks/soc-vs-pybamm/requirements.txt
if ! cmp -s "$req" "$venv/requirements.installed" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req"
  cp "$req" "$venv/requirements.installed"
fi
swift build -c release --product cyclerctl >/dev/null
bin=$(swift build -c release --show-bin-path)/cyclerctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" Benchmarks/soc-vs-pybamm/make_data.py "$work"
"$bin" soc "$work/samples.csv" --cell "$work/cell.yaml" --output "$work/soc-clean.csv" --stats 2> "$work/stderr.txt"
grep "per sample" "$work/stderr.txt" || true
"$bin" soc "$work/samples-noisy.csv" --cell "$work/cell.yaml" --output "$work/soc-noisy.csv" 2>/dev/null
python3 Benchmarks/soc-vs-pybamm/score.py "$work/truth.csv" \
  "clean=$work/soc-clean.csv" "1 mV noise, 0.5 % offset=$work/soc-noisy.csv"
