#!/usr/bin/env bash
# The mini-program's live socket (/api/v1/live) under load: the real application on Kestrel in one process, S
# WebSocket clients and N simulated collectors (1 state/s each) in a second one. Prints frames per second delivered
# and the latency from a collector's send time to the frame's arrival.
# Usage: benchmarks/live-sockets.sh [seconds] [sockets] [elevators ...]   (default 30 s, 2000 sockets, 200 1000 elevators)
# PER_SOCKET=K: each elevator socket subscribes to K elevators (1–8, default 1), to find what one node can push.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
sockets=${2:-2000}
shift 2 || shift $# || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(200 1000)
source benchmarks/common.sh
# One process here may hold 20,000 open files; the test stays within what a default server allows.
ulimit -n 20000 2>/dev/null || true
http=18080
mqtt=18830
for n in "${counts[@]}"; do
  out=$(mktemp)
  map=$(mktemp)
  "$bench" live-server --elevators "$n" --http-port "$http" --port "$mqtt" --map "$map" >"$out" 2>&1 &
  server=$!
  until grep -q '^READY' "$out"; do
    kill -0 "$server" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.5
  done
  load_out=$(mktemp)
  "$bench" live-load --sockets "$sockets" --elevators "$n" --seconds "$seconds" --http-port "$http" --port "$mqtt" --map "$map" --per-socket "${PER_SOCKET:-1}" >"$load_out" 2>&1 || { cat "$load_out"; kill "$server"; exit 1; }
  wait "$server"
  echo "== $sockets sockets, $n elevators, ${PER_SOCKET:-1} per elevator socket"
  grep -E '^(OPENED|CONNECTED|RESULT)' "$load_out"
  grep -E '^RESULT' "$out" | sed 's/^RESULT/SERVER/'
  rm -f "$out" "$load_out" "$map"
done
