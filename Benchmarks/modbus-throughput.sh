#!/usr/bin/env bash
# Samples per second and per-read latency of the Modbus drivers through the
# real wire (loopback TCP and an RTU pty) against the simulated devices, in a
# release build, with the baud-limited ceiling of a real RTU line beside them.
# READS sets the reads per row (default 2000).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product modbus-throughput >/dev/null
"$(swift build -c release --show-bin-path)/modbus-throughput" "${READS:-2000}" "$PWD/Config/instruments"
