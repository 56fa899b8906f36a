#!/usr/bin/env bash
# lin-KK on the two corpora of issue 14, drawn with impedance.py (not with
# cyclerd's own code): N KK-valid spectra with 1 % noise, which should pass
# (goal: 95 % or more), and N whose resistance drifts 15-40 % during the sweep
# with 0.2 % noise, which should fail (goal: most). Prints the rates, the
# median noise cyclerctl estimates, the failure rate by what drifted, and how
# often impedance.py's own linKK residuals exceed the fixed 1 % the old
# verdict used.
#
# Usage: Benchmarks/eis-vs-impedancepy/kk-corpora.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/eis-vs-impedancepy
count=${1:-300}
venv=.venv-bench-impedance
if ! "$venv/bin/python" -c "import impedance, pandas" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "impedance==1.7.1" pandas
fi
swift build -c release --product cyclerctl >/dev/null
cyclerctl=$(swift build -c release --show-bin-path)/cyclerctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" "$here/kk_corpora.py" generate "$count" "$work/spectra"
: > "$work/kk.jsonl"
for file in "$work"/spectra/*.csv; do
  "$cyclerctl" eis kk "$file" --json >> "$work/kk.jsonl" || true  # exit 1 is a failed spectrum, recorded in the JSON
done
"$venv/bin/python" "$here/kk_corpora.py" score "$work/spectra" "$work/kk.jsonl"
