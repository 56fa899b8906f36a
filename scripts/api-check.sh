#!/usr/bin/env bash
# Checks the running daemon's API against its description, from outside:
# starts cyclerd on the simulated bench (loopback only), makes an admin token
# on its Unix socket, runs promtool on /metrics and schemathesis on every
# operation of /openapi.json (no server error, every answer in its schema,
# status and content type). Revoking a token is left out: the fuzzer would
# revoke the one it uses (APITests covers it). Prints what each found; exits 1
# if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-daemon.sh
port=${PORT:-18473}
start_test_daemon Config/cyclerd.yaml "$port" "s#^api:#api:\n  requests_per_second: 100000#"
token=$(make_token api-check admin)
sleep 3  # let the channels record something for the metrics and the queries
echo "== promtool check metrics"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/metrics" | promtool check metrics
echo "clean"
echo "== schemathesis"
.venv/bin/schemathesis --config-file scripts/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --exclude-method DELETE --max-examples "${EXAMPLES:-25}" --no-color --seed 20261205
