#!/usr/bin/env bash
# The live model's SOC against an independent physics model: PyBaMM's DFN
# with the Chen2020 parameter set (LG M50), through CC, rest and drive-cycle
# segments. The OCV table comes from slow PyBaMM runs; `cyclerctl soc` sees
# only voltage and current. Prints the SOC RMSE against PyBaMM's own SOC
# (Coulomb counting on the slow discharge's capacity). Goal: below 1.5 %.
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
# Start the filter 20 % off to show it converges as well as tracks.
"$bin" soc "$work/samples.csv" --cell "$work/cell.yaml" --output "$work/soc.csv" --stats 2> "$work/stderr.txt"
cat "$work/stderr.txt"
"$bin" soc "$work/samples.csv" --cell "$work/cell.yaml" --initial-soc 0.8 --output "$work/soc-offset.csv" 2>/dev/null
python3 - "$work" <<'PY'
import csv, math, sys
work = sys.argv[1]
truth = {row["time_s"]: float(row["soc"]) for row in csv.DictReader(open(f"{work}/truth.csv"))}
for name, label in [("soc.csv", "initial SOC read off the first voltage"), ("soc-offset.csv", "initial SOC 0.8 (20 % off)")]:
    errors, late = [], []
    for row in csv.DictReader(open(f"{work}/{name}")):
        if not row["soc"]:
            continue
        e = float(row["soc"]) - truth[row["time_s"]]
        errors.append(e)
        if float(row["time_s"]) >= 3600:
            late.append(e)
    rmse = math.sqrt(sum(e * e for e in errors) / len(errors))
    rmse_late = math.sqrt(sum(e * e for e in late) / len(late))
    print(f"{label}: SOC RMSE vs PyBaMM {100 * rmse:.2f} % over {len(errors)} samples "
          f"({100 * rmse_late:.2f} % after the first hour; max |error| {100 * max(map(abs, errors)):.2f} %)")
PY
