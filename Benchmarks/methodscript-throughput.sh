#!/usr/bin/env bash
# Samples per second and per-sample latency through the MethodSCRIPT driver
# and its simulated device over a real pseudo-terminal (release build), with
# decoding alone and the simulated cell alone for comparison.
# SAMPLES (default 20000) and SWITCHES (default 200) scale the run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product MethodSCRIPTBenchmark >/dev/null
"$(swift build -c release --show-bin-path)/MethodSCRIPTBenchmark"
