#!/usr/bin/env bash
# How far past its voltage cut-off a step ends, per C-rate, with the
# instrument read every 10 s (`sample: 10 s`) as long-term protocols do.
# Runs a charge to 3.68 V and a discharge to 2.5 V at C/5, C/2, 1C and 2C on
# the simulated NMC811 | Li6PS5Cl | Li-In cell through `cyclerctl run`
# (release build), and prints the voltage each step ended at, the overshoot
# past the cut-off, and how many readings the step took.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product cyclerctl >/dev/null
bin=$(swift build -c release --show-bin-path)/cyclerctl
python3 - "$bin" <<'PY'
import csv, os, subprocess, sys, tempfile
binary = sys.argv[1]
cutoffs = {1: ("charge", 3.68, 1), 3: ("discharge", 2.5, -1)}
print(f"{'rate':>5}  {'step':>9}  {'cut-off V':>9}  {'ended at V':>10}  {'overshoot mV':>12}  {'rows':>5}")
worst = {}
with tempfile.TemporaryDirectory() as tmp:
    for rate in ["C/5", "C/2", "1C", "2C"]:
        protocol = os.path.join(tmp, "cutoffs.yaml")
        with open(protocol, "w") as f:
            f.write(f"""name: cut-offs at {rate}
requires: {{capacity: true}}
record: {{dt: 60 s, sample: 10 s}}
steps:
  - cc: {rate}
    until: ["V >= 3.68 V", "t >= 12 h"]
  - rest: 10 min
  - cc: -{rate}
    until: ["V <= 2.5 V", "t >= 12 h"]
""")
        out = os.path.join(tmp, rate.replace("/", "_"))
        subprocess.run([binary, "run", protocol, "--sim", "nmc811-lpscl-liin", "--out", out],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "data.csv")) as f:
            rows = list(csv.DictReader(f))
        for step, (name, cutoff, sign) in cutoffs.items():
            mine = [r for r in rows if int(r["step"]) == step]
            ended = float(mine[-1]["voltage_V"])
            overshoot = max(0.0, sign * (ended - cutoff)) * 1e3
            worst[rate] = max(worst.get(rate, 0.0), overshoot)
            print(f"{rate:>5}  {name:>9}  {cutoff:>9.3f}  {ended:>10.4f}  {overshoot:>12.2f}  {len(mine):>5}")
print()
for rate, value in worst.items():
    print(f"worst overshoot at {rate}: {value:.2f} mV")
PY
