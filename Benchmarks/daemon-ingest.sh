#!/usr/bin/env bash
# Samples per second the daemon ingests end to end — simulated drivers,
# executor, live model, journal, SQLite — with N channels at maximum speed,
# and its resident memory over the run. Release build; a temporary database.
#
#   Benchmarks/daemon-ingest.sh [CHANNELS] [SECONDS]      (default 16 channels, 60 s)
#   DAYS=30 Benchmarks/daemon-ingest.sh 16                (until every channel has run 30 simulated days)
#   BIN=path/to/cyclerd Benchmarks/daemon-ingest.sh       (another build, to compare)
#
# Besides samples per wall second it prints the daemon's CPU time per sample
# and what that makes on two whole cores: on a machine shared with other work
# the wall rate depends on the neighbours, the CPU cost much less.
#
# Every channel cycles a simulated NMC811 | Li6PS5Cl | Li-In cell at C/2,
# reading and recording every simulated second, so each sample the engine
# sees is a row in the database.
set -euo pipefail
cd "$(dirname "$0")/.."
channels=${1:-16}
seconds=${2:-60}
days=${DAYS:-0}
if [ -z "${BIN:-}" ]; then
  swift build -c release --product cyclerd >/dev/null
  BIN=$(swift build -c release --show-bin-path)/cyclerd
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cp Benchmarks/cycling-c2.yaml "$work/cycling.yaml"
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
"$BIN" --config "$work/cyclerd.yaml" > "$work/log" 2>&1 &
pid=$!
python3 - "$pid" "$seconds" "$work/data.sqlite" "$channels" "$days" <<'PY'
import os, signal, sqlite3, sys, time
pid, seconds, db, channels, days = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
tick = os.sysconf("SC_CLK_TCK")
def cpu():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick
def rss():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
def count():
    # Index look-ups only, so watching costs the daemon no CPU: rows are only
    # appended (the largest rowid counts them), and the slowest job's newest
    # sample (the job keeps its last sample's seq) is how far every channel has come.
    con = sqlite3.connect(db, timeout=30)
    n = con.execute("SELECT COALESCE(MAX(rowid), 0) FROM sample").fetchone()[0]
    t = con.execute("SELECT COALESCE(MIN((SELECT time FROM sample WHERE channel = job.channel AND seq = job.lastSeq)), 0) "
                    "FROM job").fetchone()[0]
    con.close()
    return n, t
def threads_busy():
    """Per thread (name, id): seconds on a CPU and seconds waiting for one, from schedstat."""
    busy = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                running, waiting = (int(x) / 1e9 for x in f.read().split()[:2])
        except FileNotFoundError:
            continue
        busy[(name, tid)] = (running, waiting)
    return busy
time.sleep(3)  # start-up: connecting, queueing
n0, _ = count(); t0 = time.time(); c0 = cpu(); b0 = threads_busy()
trace = []
interval = 10 if days else max(1, seconds / 10)
while (not trace or trace[-1][3] < days * 86400) if days else (time.time() - t0 < seconds):
    time.sleep(interval)
    n, simulated = count()
    trace.append((time.time() - t0, n - n0, rss(), simulated))
elapsed = trace[-1][0]
rate = trace[-1][1] / elapsed
used = cpu() - c0
b1 = threads_busy()
os.kill(pid, signal.SIGTERM)
print(f"channels {channels}, {elapsed:.0f} s: {trace[-1][1]} samples stored, {rate:,.0f} samples/s "
      f"({rate / channels:,.0f} per channel); simulated time reached {trace[-1][3] / 86400:.1f} days per channel")
print(f"CPU {used:.0f} s ({used / elapsed:.2f} cores): {used / trace[-1][1] * 1e6:.2f} µs per sample, "
      f"{2 * trace[-1][1] / used:,.0f} samples/s on two whole cores")
# The busiest threads: a thread near 100 % of the run (on a CPU, waiting for
# one, or blocked in I/O, the rest) is what the others wait for.
busiest = sorted(((b1[k][0] - b0[k][0], b1[k][1] - b0[k][1], k) for k in b1 if k in b0), reverse=True)[:6]
print("busiest threads (% of the run on a CPU / waiting for one): " +
      ", ".join(f"{name}[{tid}] {run / elapsed * 100:.0f}/{wait / elapsed * 100:.0f}" for run, wait, (name, tid) in busiest))
print("  t (s)   samples      RSS (MiB)   simulated (days)")
for t, n, r, simulated in trace[::max(1, len(trace) // 20)] + ([trace[-1]] if len(trace) > 20 else []):
    print(f"  {t:5.0f}  {n:10d}  {r:9.1f}  {simulated / 86400:8.1f}")
first, last = trace[0][2], trace[-1][2]
print(f"RSS {first:.1f} → {last:.1f} MiB ({(last / first - 1) * 100:+.1f} % over the run)")
# RSS swings with the samples in flight (journals, a cycle's samples); the
# trend is the median of the run's last fifth against its first fifth's.
if len(trace) >= 10:
    fifth = len(trace) // 5
    early = sorted(r for _, _, r, _ in trace[:fifth])[fifth // 2]
    late = sorted(r for _, _, r, _ in trace[-fifth:])[fifth // 2]
    print(f"RSS median over the first fifth {early:.1f} MiB, last fifth {late:.1f} MiB ({(late / early - 1) * 100:+.1f} %)")
PY
wait $pid || true
