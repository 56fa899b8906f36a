#!/usr/bin/env bash
# How fast a safety limit acts: the time from the executor receiving the first
# sample past a limit to its output-off (enterSafeState) call, in process,
# release build. Prints p50/p99/p99.9/max over TRIALS trips (default 20000)
# against a scripted potentiostat, and over TRIALS/20 trips on the simulated
# bench. Goal: p99 below 1 ms.
set -euo pipefail
cd "$(dirname "$0")/safety-latency"
swift build -c release --product SafetyLatency >/dev/null
"$(swift build -c release --show-bin-path)/SafetyLatency"
