#!/usr/bin/env bash
# What a dashboard's refresh of a long job costs the daemon. One simulated
# channel cycles at maximum speed until its job has CYCLES cycles (default
# 200, about 2.9 million samples: 40 days at 1 s sampling) and stops; then
# the plot requests the dashboard makes every 10 s (cycle summaries, the
# newest cycle's V–Q curve, resistance estimates) are timed over the Unix
# socket: the very first request, then the median of ten of each.
#
#   Benchmarks/dashboard-refresh.sh               (builds and runs this tree's cyclerd)
#   BIN=path/to/cyclerd Benchmarks/dashboard-refresh.sh   (another build, to compare)
set -euo pipefail
cd "$(dirname "$0")/.."
cycles=${CYCLES:-200}
if [ -z "${BIN:-}" ]; then
  swift build -c release --product cyclerd >/dev/null
  BIN=$(swift build -c release --show-bin-path)/cyclerd
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
sed "s/count: 100000/count: $cycles/" Benchmarks/cycling-c2.yaml > "$work/cycling.yaml"
cat > "$work/cyclerd.yaml" <<YAML
storage: {path: $work/data.sqlite}
simulation: {speed: max}
api: {socket: $work/api.sock}
instruments:
  - {name: bench, address: "sim:nmc811-lpscl-liin"}
channels:
  - {name: ch1, potentiostat: bench, cell: $PWD/Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: $work/cycling.yaml}
YAML
"$BIN" --config "$work/cyclerd.yaml" > "$work/log" 2>&1 &
python3 - "$work/api.sock" "$work/data.sqlite" <<'PY'
import http.client, json, socket, sqlite3, statistics, sys, time
path, db = sys.argv[1], sys.argv[2]

class UnixConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)

def get(url):
    connection = UnixConnection("localhost", timeout=600)
    start = time.perf_counter()
    connection.request("GET", url)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    assert response.status == 200, (url, response.status, body[:200])
    return elapsed, json.loads(body)

for _ in range(600):
    try:
        get("/v1/health")
        break
    except OSError:
        time.sleep(0.1)
start = time.time()
while get("/v1/jobs/1")[1]["state"] in ("queued", "running"):
    time.sleep(2)
samples = sqlite3.connect(db).execute("SELECT COUNT(*) FROM sample").fetchone()[0]
first, cycles = get("/v1/jobs/1/cycles")
last = cycles[-1]["cycle"]
print(f"job of {len(cycles)} cycles, {samples} samples, recorded in {time.time() - start:.0f} s")
print(f"  first request (GET /v1/jobs/1/cycles): {first:.3f} s")
print(f"  {'then, each request of a refresh':48} {'median of 10, s':>16}")
for url in ["/v1/jobs/1/cycles", f"/v1/jobs/1/cycles/{last}/curve?max_points=400", "/v1/jobs/1/resistance?max_points=3000"]:
    print(f"  {url:48} {statistics.median(get(url)[0] for _ in range(10)):16.4f}")
PY
