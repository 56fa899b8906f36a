#!/usr/bin/env bash
# Samples per second the daemon ingests end to end — simulated drivers,
# executor, live model, journal, SQLite — with N channels at maximum speed,
# and its resident memory over the run. Release build; a temporary database.
#
#   Benchmarks/daemon-ingest.sh [CHANNELS] [SECONDS]      (default 16 channels, 60 s)
#
# Every channel cycles a simulated NMC811 | Li6PS5Cl | Li-In cell at C/2,
# reading and recording every simulated second, so each sample the engine
# sees is a row in the database.
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-16}
seconds=${2:-60}
swift build -c release --product cyclerd >/dev/null
bin=$(swift build -c release --show-bin-path)/cyclerd
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/cycling.yaml" <<'YAML'
name: ingest benchmark cycling
requires: {capacity: true}
record: {dt: 1 s, sample: 1 s}
steps:
  - loop:
      count: 100000
      cycle: true
      steps:
        - cc: C/2
          until: ["V >= 3.6 V"]
        - cc: -C/2
          until: ["V <= 2.6 V"]
YAML
{
  echo "storage: {path: $work/data.sqlite}"
  echo "simulation: {speed: max}"
  echo "instruments:"
  for i in $(seq 1 "$channels"); do echo "  - {name: bench$i, address: \"sim:nmc811-lpscl-liin\"}"; done
  echo "channels:"
  for i in $(seq 1 "$channels"); do
    echo "  - {name: ch$i, potentiostat: bench$i, cell: $PWD/Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: $work/cycling.yaml}"
  done
} > "$work/cyclerd.yaml"
"$bin" --config "$work/cyclerd.yaml" > "$work/log" 2>&1 &
pid=$!
python3 - "$pid" "$seconds" "$work/data.sqlite" "$channels" <<'PY'
import os, signal, sqlite3, sys, time
pid, seconds, db, channels = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
def rss():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
def count():
    con = sqlite3.connect(db, timeout=30)
    n, t = con.execute("SELECT COUNT(*), COALESCE(MAX(time), 0) FROM sample").fetchone()
    con.close()
    return n, t
time.sleep(3)  # start-up: connecting, queueing
n0, _ = count(); t0 = time.time()
trace = []
while time.time() - t0 < seconds:
    time.sleep(max(1, seconds / 10))
    n, simulated = count()
    trace.append((time.time() - t0, n - n0, rss(), simulated))
elapsed = trace[-1][0]
rate = trace[-1][1] / elapsed
os.kill(pid, signal.SIGTERM)
print(f"channels {channels}, {elapsed:.0f} s: {trace[-1][1]} samples stored, {rate:,.0f} samples/s "
      f"({rate / channels:,.0f} per channel); simulated time reached {trace[-1][3] / 86400:.1f} days per channel")
print("  t (s)   samples      RSS (MiB)")
for t, n, r, _ in trace:
    print(f"  {t:5.0f}  {n:10d}  {r:9.1f}")
first, last = trace[0][2], trace[-1][2]
print(f"RSS {first:.1f} → {last:.1f} MiB ({(last / first - 1) * 100:+.1f} % over the run)")
PY
wait $pid || true
