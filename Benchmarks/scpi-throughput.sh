#!/usr/bin/env bash
# Samples per second and per-sample latency of the SCPI SMU driver reading its
# simulator over the real wire: loopback TCP (raw socket, as port 5025) and
# USBTMC on umockdev's emulated USB bus. Each sample is one `:READ?` round
# trip through SCPISourceMeter (driver in its own process, scpi-session),
# with the output on at 1 mA. For comparison, the same `:READ?` round trip
# from a bare Python socket client shows what the wire and simulator alone cost.
set -euo pipefail
cd "$(dirname "$0")/.."
samples=${SAMPLES:-5000}
usb_samples=${USB_SAMPLES:-1000}
swift build -c release --product cyclersim >/dev/null
swift build -c release --product scpi-session >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

report() {  # label count seconds
  python3 - "$@" <<'PY'
import sys
label, count, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
print(f"  {label:<34} {count/seconds:9.0f} samples/s   {seconds/count*1e6:9.1f} µs/sample   ({count} samples)")
PY
}

echo "SCPI source-measure unit, driver + simulator, $(nproc) cores"

# Loopback TCP.
"$bin/cyclersim" scpi --tcp 127.0.0.1:0 --preset nmc811-lpscl-liin >"$work/tcp.out" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/tcp.out" ] && break; sleep 0.1; done
address=$(head -n 1 "$work/tcp.out")
result=$(printf 'current 0.001 2.5 4.3\ninterval 0\nbench 100\nbench %d\nsafe\n' "$samples" \
  | "$bin/scpi-session" "$address" | sed -n 4p)
[[ $result == ok* ]] || { echo "TCP run failed: $result"; exit 1; }
read -r _ count seconds <<<"$result"
report "scpi+tcp  driver (SCPISourceMeter)" "$count" "$seconds"
port=${address##*:}
python3 - "$port" "$samples" <<'PY'
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
f = s.makefile("rwb", buffering=0)
query = b':READ? "defbuffer1", READ, SOUR, REL\n'
start = time.perf_counter()
for _ in range(n):
    s.sendall(query)
    f.readline()
seconds = time.perf_counter() - start
print(f"  {'scpi+tcp  bare socket (Python)':<34} {n/seconds:9.0f} samples/s   {seconds/n*1e6:9.1f} µs/sample   ({n} samples)")
PY
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
server_pid=""

# USBTMC on umockdev's emulated bus: every URB is an ioctl forwarded over a
# Unix socket to the simulator process, so this measures that emulation more
# than libusb or the driver.
if command -v umockdev-wrapper >/dev/null; then
  result=$(printf 'current 0.001 2.5 4.3\ninterval 0\nbench 50\nbench %d\nsafe\n' "$usb_samples" \
    | "$bin/cyclersim" usbtmc --preset nmc811-lpscl-liin -- "$bin/scpi-session" usbtmc://05e6:2450 | sed -n 6p)
  [[ $result == ok* ]] || { echo "USB run failed: $result"; exit 1; }
  read -r _ count seconds <<<"$result"
  report "usbtmc    driver over umockdev USB" "$count" "$seconds"
fi
