#!/usr/bin/env bash
# Live model updates per second per core: replays a simulated dynamic run's
# samples through LiveModel.update alone (release build). Goal: < 2 µs per sample.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product livemodel-bench >/dev/null
"$(swift build -c release --show-bin-path)/livemodel-bench" throughput "$@"
