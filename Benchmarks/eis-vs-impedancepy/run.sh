#!/usr/bin/env bash
# cyclerd's EIS fitter against impedance.py 1.7.1 on the same noisy spectra.
#
# Generates N spectra (default 200; the four issue circuits in turn, 1 % noise,
# known truth) with impedance.py, fits them all with a release `cyclerctl eis
# fit --json --cold` (no initial guesses; each spectrum from its own starting
# points), with cyclerctl started at the truth (--initial-guess), and with
# impedance.py started from the truth perturbed by up to 25 %, then prints
# per-fit time, speed ratio, recovery error and failures. A failure is judged
# only on parameters the spectrum identifies: those whose Cramér–Rao bound
# (the standard error of the fit started at the truth) is a third of the
# failure bar or less.
#
# Usage: Benchmarks/eis-vs-impedancepy/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/eis-vs-impedancepy
count=${1:-200}
venv=.venv-bench-impedance

if ! "$venv/bin/python" -c "import impedance, pandas" 2>/dev/null; then
  python3 -m venv "$venv"
  # impedance 1.7.1 imports pandas without declaring it.
  "$venv/bin/pip" install -q --disable-pip-version-check "impedance==1.7.1" pandas
fi
swift build -c release --product cyclerctl >/dev/null
cyclerctl=$(swift build -c release --show-bin-path)/cyclerctl

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" "$here/generate.py" "$count" "$work/spectra"

# One process per circuit, as a run's spectra share one circuit; the file
# lists are made before timing so only cyclerctl is timed.
"$venv/bin/python" - "$work/spectra/truth.json" "$work/groups" <<'PY'
import json, pathlib, sys
truth = json.load(open(sys.argv[1]))
out = pathlib.Path(sys.argv[2]); out.mkdir()
for k, circuit in enumerate(sorted({e["circuit"] for e in truth.values()})):
    (out / f"{k}.circuit").write_text(circuit)
    (out / f"{k}.files").write_text(" ".join(sorted(n for n, e in truth.items() if e["circuit"] == circuit)))
PY
elapsed() { # wall-clock seconds taken by "$@"
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
fit_all() { # extra cyclerctl flags...
  : > "$work/cyclerctl.jsonl"
  for group in "$work"/groups/*.circuit; do
    read -r -a files < "${group%.circuit}.files"
    (cd "$work/spectra" && "$cyclerctl" eis fit "${files[@]}" --circuit "$(cat "$group")" --json --cold "$@") \
      >> "$work/cyclerctl.jsonl" || true
  done
}
with_kk=$(elapsed fit_all)
cp "$work/cyclerctl.jsonl" "$work/cyclerctl-kk.jsonl"
without_kk=$(elapsed fit_all --no-kk)
# Started at the truth: one process per spectrum, as each has its own guess.
"$venv/bin/python" - "$work/spectra/truth.json" > "$work/truth-starts.txt" <<'PY'
import json, sys
for name, entry in sorted(json.load(open(sys.argv[1])).items()):
    print(name, entry["circuit"], ",".join(repr(float(v)) for v in entry["parameters"]))
PY
: > "$work/cyclerctl-truth.jsonl"
while read -r name circuit guess; do
  (cd "$work/spectra" && "$cyclerctl" eis fit "$name" --circuit "$circuit" --json --no-kk --initial-guess "$guess") \
    >> "$work/cyclerctl-truth.jsonl" || true
done < "$work/truth-starts.txt"
"$venv/bin/python" "$here/fit_impedancepy.py" "$work/spectra" > "$work/impedancepy.jsonl"
"$venv/bin/python" "$here/compare.py" "$work/spectra" "$work/cyclerctl-kk.jsonl" "$work/impedancepy.jsonl" "$with_kk" "$without_kk" \
  "$work/cyclerctl-truth.jsonl"
