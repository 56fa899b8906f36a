#!/usr/bin/env bash
# The live model against the simulator's truth over long runs (release build):
# SOC RMSE over 100 dynamic cycles with rests from a start 30 % off, and the
# alarms raised over 1000 normal cycles of a healthy full cell and of a
# symmetric Li cell below its CCD (every one a false alarm).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product livemodel-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/livemodel-bench
"$bench" soc-accuracy --cycles "${SOC_CYCLES:-100}" | tail -n 6
"$bench" false-alarms --preset nmc811-lpscl-liin --cycles "${ALARM_CYCLES:-1000}" | tail -n 3
"$bench" false-alarms --preset li-lpscl-li --cycles "${ALARM_CYCLES:-1000}" --density 0.3 --half 1800 | tail -n 3
