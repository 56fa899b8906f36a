#!/usr/bin/env bash
# The API under load, on loopback: cyclerd with 16 simulated channels at
# 100x, first alone (BASELINE seconds, default 60), then with 200 WebSocket
# clients (DURATION seconds, default 600): 150 fast ones on single channels,
# 30 on every channel, 20 slow ones on every channel that read a message
# every 0.2 s. Every client promises and sends read receipts (the slow ones
# after each message, the fast ones every 50). Prints how fast each channel's job ran
# (job seconds per wall second) alone and under load, the daemon's RSS over time, what the clients
# received, and how the slow ones were treated.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cyclerd >/dev/null
bin=$(swift build -c release --show-bin-path)/cyclerd
work=$(mktemp -d)
port=${PORT:-18474}
trap 'kill $daemon 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
{
  echo "storage: {path: $work/data.sqlite}"
  echo "simulation: {speed: ${SPEED:-100}}"
  echo "api: {socket: $work/api.sock, tcp: \"127.0.0.1:$port\", max_clients: 1000, requests_per_second: 10000}"
  echo "instruments:"
  for i in $(seq 1 16); do echo "  - {name: bench$i, address: \"sim:nmc811-lpscl-liin\"}"; done
  echo "channels:"
  for i in $(seq 1 16); do echo "  - {name: ch$i, potentiostat: bench$i, cell: Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: Protocols/gcpl.yaml}"; done
} > "$work/cyclerd.yaml"
"$bin" --config "$work/cyclerd.yaml" > "$work/log.txt" 2>&1 &
daemon=$!
for _ in $(seq 1 300); do [ -S "$work/api.sock" ] && break; sleep 0.1; done
token=$(curl -sf --unix-socket "$work/api.sock" -X POST http://localhost/v1/tokens -d '{"name": "load", "role": "viewer"}' \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
.venv/bin/python - "$daemon" "$work/data.sqlite" "$port" "$token" "${BASELINE:-60}" "${DURATION:-600}" <<'PY'
import asyncio, json, resource, sqlite3, sys, time
import websockets

pid, db, port, token = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
baseline, duration = float(sys.argv[5]), float(sys.argv[6])
channels = [f"ch{i}" for i in range(1, 17)]

def rss_mib():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

def pace(start, end):
    """Job seconds each channel ran per wall second (the simulation speed when it keeps up)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    spans = con.execute("SELECT channel, MIN(time), MAX(time), MIN(unixTime), MAX(unixTime) FROM sample "
                        "WHERE unixTime >= ? AND unixTime < ? GROUP BY channel, job", (start, end)).fetchall()
    con.close()
    job_seconds, wall_seconds = {c: 0.0 for c in channels}, {c: 0.0 for c in channels}
    for channel, first, last, wall_first, wall_last in spans:
        job_seconds[channel] += last - first
        wall_seconds[channel] += wall_last - wall_first
    return {c: job_seconds[c] / wall_seconds[c] if wall_seconds[c] > 0 else 0 for c in channels}

class Client:
    def __init__(self, url, slow):
        self.url, self.slow = url, slow
        self.documents = self.samples = self.omitted = self.notices = self.thinned = self.dropped = self.lost = 0
        self.after = {}

    async def run(self, until):
        while time.time() < until:
            # A reconnect picks up after the last seq seen on each channel.
            resume = ",".join(f"{c}:{s}" for c, s in self.after.items())
            url = self.url + (f"&after={resume}" if resume and "channel=" not in self.url else "")
            if "channel=" in self.url and self.after:
                url = self.url.split("&after=")[0] + f"&after={next(iter(self.after.values()))}"
            try:
                # No keepalive pings: a client slow on purpose must not time itself out.
                async with websockets.connect(url, additional_headers={"Authorization": "Bearer " + token},
                                              max_size=64 << 20, open_timeout=60, ping_interval=None) as ws:
                    while time.time() < until:
                        try:
                            text = await asyncio.wait_for(ws.recv(), timeout=max(0.1, until - time.time()))
                        except asyncio.TimeoutError:
                            break
                        message = json.loads(text)
                        if message["kind"] == "notice":
                            self.notices += 1
                            self.thinned += message["keep_every"] > 1
                        else:
                            self.documents += 1
                            self.after[message["channel"]] = message["last_seq"]
                            if message.get("samples"):
                                self.samples += len(message["samples"]["seq"])
                                self.omitted += message["samples"]["omitted"]
                        # Read receipts: the slow clients after every document, the fast ones every 50.
                        if "last_seq" in message and (self.slow or self.documents % 50 == 0):
                            await ws.send(json.dumps({"read": self.after}))
                        if self.slow:
                            await asyncio.sleep(0.2)
            except websockets.ConnectionClosed as closed:
                # 1008 is the server dropping a client too far behind; anything else is a lost connection.
                if closed.rcvd is not None and closed.rcvd.code == 1008:
                    self.dropped += 1
                else:
                    self.lost += 1
            except OSError:
                self.lost += 1
                await asyncio.sleep(1)

async def main():
    start = time.time()
    print(f"baseline: 16 channels alone for {baseline:.0f} s; RSS {rss_mib():.0f} MiB", flush=True)
    await asyncio.sleep(baseline)
    loaded = time.time()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    base = f"ws://127.0.0.1:{port}/v1/stream"
    clients = [Client(f"{base}?receipts=true&channel={channels[i % 16]}", slow=False) for i in range(150)]
    clients += [Client(f"{base}?receipts=true", slow=False) for _ in range(30)]
    clients += [Client(f"{base}?receipts=true", slow=True) for i in range(20)]
    until = loaded + duration
    tasks = [asyncio.create_task(c.run(until)) for c in clients]
    memory = []
    while time.time() < until:
        await asyncio.sleep(min(30, max(0.1, until - time.time())))
        memory.append((time.time() - loaded, rss_mib()))
        print(f"  {memory[-1][0]:5.0f} s  RSS {memory[-1][1]:6.0f} MiB", flush=True)
    await asyncio.gather(*tasks)
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime + cpu_after.ru_stime - cpu_before.ru_stime) / (time.time() - loaded)
    alone, under = pace(start + 10, loaded), pace(loaded + 10, until)
    ratio = min(under[c] / alone[c] for c in channels if alone[c] > 0)
    print("job seconds per wall second per channel, alone -> with 200 clients:")
    for c in channels:
        print(f"  {c:5s} {alone[c]:7.1f} -> {under[c]:7.1f}")
    print(f"lowest ratio (loaded / alone): {ratio:.3f}")
    fast = [c for c in clients if not c.slow]
    slow = [c for c in clients if c.slow]
    print(f"fast clients: {sum(c.documents for c in fast)} documents, {sum(c.samples for c in fast)} samples, "
          f"{sum(c.omitted for c in fast)} thinned out ({sum(c.thinned > 0 for c in fast)} of {len(fast)} clients), "
          f"{sum(c.dropped for c in fast)} dropped by the server, {sum(c.lost for c in fast)} connections lost")
    print(f"slow clients: {sum(c.documents for c in slow)} documents, {sum(c.samples for c in slow)} samples, "
          f"{sum(c.omitted for c in slow)} thinned out, {sum(c.thinned for c in slow)} thinning notices "
          f"({sum(c.thinned > 0 for c in slow)} of {len(slow)} clients), "
          f"{sum(c.dropped for c in slow)} dropped by the server, {sum(c.lost for c in slow)} connections lost")
    # The clients are one Python process: when it is short of CPU, "fast" clients read slowly too, and are thinned.
    print(f"client process CPU: {client_cpu:.2f} cores over the loaded period")
    rss = [m for _, m in memory]
    print(f"RSS under load: first {rss[0]:.0f} MiB, last {rss[-1]:.0f} MiB, max {max(rss):.0f} MiB")

asyncio.run(main())
PY
