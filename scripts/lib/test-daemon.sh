# Shared by the scripts that check a running daemon from outside: builds
# cyclerd (debug, or release with CYCLERD_BUILD=release), writes a copy of a
# configuration with its paths in a temporary folder and its API on a
# loopback port, starts the daemon, waits for its socket, and makes tokens.
# Source it, then: start_test_daemon CONFIG PORT [SED-EXPRESSION …]; make_token NAME ROLE.
# Sets $work (removed on exit) and $daemon (the pid, killed on exit).

start_test_daemon() {
  local config=$1 port=$2
  shift 2
  local configuration=${CYCLERD_BUILD:-debug}
  swift build -c "$configuration" --product cyclerd >/dev/null
  local bin
  bin=$(swift build -c "$configuration" --show-bin-path)/cyclerd
  work=$(mktemp -d)
  trap 'kill $daemon 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  local expressions=(-e "s#path: data/cyclerd.sqlite#path: $work/data.sqlite#" -e "s#socket: data/cyclerd.sock#socket: $work/api.sock#"
                     -e "s#127.0.0.1:8470#127.0.0.1:$port#" -e "s#dashboard: Sources/API/Dashboard#dashboard: $PWD/Sources/API/Dashboard#")
  for expression in "$@"; do expressions+=(-e "$expression"); done
  sed "${expressions[@]}" "$config" > "$work/cyclerd.yaml"
  "$bin" --config "$work/cyclerd.yaml" > "$work/log.txt" 2>&1 &
  daemon=$!
  for _ in $(seq 1 300); do [ -S "$work/api.sock" ] && return 0; sleep 0.1; done
  echo "cyclerd did not open its API socket; its log:" >&2
  cat "$work/log.txt" >&2
  return 1
}

make_token() {
  curl -sf --unix-socket "$work/api.sock" -X POST http://localhost/v1/tokens -d "{\"name\": \"$1\", \"role\": \"$2\"}" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
