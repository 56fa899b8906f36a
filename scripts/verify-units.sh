#!/usr/bin/env bash
# Checks systemd/cyclerd.service with systemd-analyze verify, against the
# binary just built (the unit names /usr/local/bin/cyclerd, where `make
# install` puts it), and prints systemd-analyze security's exposure score.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product cyclerd >/dev/null
bin=$(swift build --show-bin-path)/cyclerd
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s#/usr/local/bin/cyclerd#$bin#" systemd/cyclerd.service > "$work/cyclerd.service"
output=$(systemd-analyze verify "$work/cyclerd.service" 2>&1 | grep -v "^$" || true)
if [ -n "$output" ]; then
  echo "$output"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "systemd-analyze verify: systemd/cyclerd.service is clean"
systemd-analyze security --offline=yes "$work/cyclerd.service" 2>/dev/null | tail -1 || true
echo "1 passed, 0 failed"
