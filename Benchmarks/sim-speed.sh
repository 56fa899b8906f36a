#!/usr/bin/env bash
# How much faster than real time `cyclerctl sim cycle` runs at 1 s sampling.
# Builds in release, runs galvanostatic cycling of the default preset, and
# prints simulated seconds, wall seconds and their ratio. Two variants in one
# run: CSV to a file (what users do) and to /dev/null (simulation plus formatting).
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${CYCLES:-20}
preset=${PRESET:-nmc811-lpscl-liin}
swift build -c release --product cyclerctl >/dev/null
bin=$(swift build -c release --show-bin-path)/cyclerctl
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
run() {
  local out=$1
  local start end
  start=$(date +%s.%N)
  "$bin" sim cycle --preset "$preset" --rate C/2 --cycles "$cycles" --interval 1s --output "$out"
  end=$(date +%s.%N)
  echo "$start $end"
}
read -r s1 e1 < <(run "$tmp")
simulated=$(tail -n 1 "$tmp" | cut -d, -f1)
rows=$(($(wc -l < "$tmp") - 1))
read -r s2 e2 < <(run /dev/null)
python3 - "$simulated" "$rows" "$s1" "$e1" "$s2" "$e2" "$preset" "$cycles" <<'PY'
import sys
sim, rows = float(sys.argv[1]), int(sys.argv[2])
w_file = float(sys.argv[4]) - float(sys.argv[3])
w_null = float(sys.argv[6]) - float(sys.argv[5])
print(f"sim cycle --preset {sys.argv[7]} --rate C/2 --cycles {sys.argv[8]} at 1 s sampling")
print(f"  simulated time     {sim:12.0f} s  ({sim/3600:.1f} h, {rows} samples)")
print(f"  CSV to a file      {w_file:12.3f} s wall   {sim/w_file:12.0f}x real time   {w_file/rows*1e9:8.0f} ns/sample")
print(f"  CSV to /dev/null   {w_null:12.3f} s wall   {sim/w_null:12.0f}x real time   {w_null/rows*1e9:8.0f} ns/sample")
PY
