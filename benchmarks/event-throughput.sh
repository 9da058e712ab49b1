#!/usr/bin/env bash
# QoS 1 event throughput: N collectors publish events back to back, each waiting for its PUBACK, against the real
# application in a second process. A PUBACK means the event is committed to the database (docs/protocol.md).
# Usage: benchmarks/event-throughput.sh [seconds] [code] [N ...]   (default 20 s; code 40 (an event, no order); 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
code=${2:-40}
shift 2 || shift $# || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 1000)
source benchmarks/common.sh
port=18831
for n in "${counts[@]}"; do
  out=$(mktemp)
  "$bench" server --collectors "$n" --seconds "$seconds" --port "$port" >"$out" 2>&1 &
  server=$!
  until grep -q '^READY' "$out"; do
    kill -0 "$server" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.5
  done
  echo "== $n collectors, code $code"
  "$bench" events --collectors "$n" --seconds "$seconds" --port "$port" --code "$code" | grep -E '^EVENTS'
  wait "$server"
  grep -E '^RESULT' "$out" | sed 's/ p50=.*cpu=/ cpu=/'
  rm -f "$out"
done
