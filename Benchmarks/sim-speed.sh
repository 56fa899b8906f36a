#!/usr/bin/env bash
# How much faster than real time `cyclerctl sim cycle` runs at 1 s sampling.
# Builds in release, runs galvanostatic cycling of the default preset, and
# prints simulated seconds against wall time and against CPU time (user+sys;
# the run is single-threaded, so on a quiet machine the two agree, and on a
# busy one CPU time is the figure that does not depend on the neighbours).
# Two variants in one run: CSV to a file (what users do) and to /dev/null.
# BIN=path times another cyclerctl (a copy of an earlier build, for before
# and after figures in one window) instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${CYCLES:-20}
preset=${PRESET:-nmc811-lpscl-liin}
repeats=${REPEATS:-3}
if [ -n "${BIN:-}" ]; then
    bin=$BIN
else
    swift build -c release --product cyclerctl >/dev/null
    bin=$(swift build -c release --show-bin-path)/cyclerctl
fi
python3 - "$bin" "$preset" "$cycles" "$repeats" <<'PY'
import os, resource, subprocess, sys, tempfile, time
binary, preset, cycles, repeats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def run(out):
    args = [binary, "sim", "cycle", "--preset", preset, "--rate", "C/2", "--cycles", cycles,
            "--interval", "1s", "--output", out]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "cycle.csv")
    results = {"CSV to a file": [run(path) for _ in range(repeats)]}
    with open(path) as f:
        lines = f.read().splitlines()
    results["CSV to /dev/null"] = [run("/dev/null") for _ in range(repeats)]
simulated = float(lines[-1].split(",")[0])
rows = len(lines) - 1
print(f"sim cycle --preset {preset} --rate C/2 --cycles {cycles} at 1 s sampling, best of {repeats}")
print(f"  simulated time {simulated:10.0f} s ({simulated / 3600:.1f} h, {rows} samples)")
print(f"  {'':18} {'wall s':>8} {'x real time':>12} {'CPU s':>8} {'x real time':>12} {'ns/sample (CPU)':>16}")
for name, runs in results.items():
    wall = min(w for w, _ in runs)
    cpu = min(c for _, c in runs)
    print(f"  {name:18} {wall:8.3f} {simulated / wall:12.0f} {cpu:8.3f} {simulated / cpu:12.0f} {cpu / rows * 1e9:16.0f}")
PY
