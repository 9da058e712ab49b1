#!/usr/bin/env bash
# Device throughput and latency: N simulated collectors (1 state/s each, plus an event a minute) against the real
# application in a second process. Usage: benchmarks/device-throughput.sh [seconds] [N ...]   (default 60 s; 1000 5000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 5000 10000)
source benchmarks/common.sh
port=18830
for n in "${counts[@]}"; do
  out=$(mktemp)
  "$bench" server --collectors "$n" --seconds "$seconds" --port "$port" >"$out" 2>&1 &
  server=$!
  until grep -q '^READY' "$out"; do
    kill -0 "$server" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.5
  done
  load_out=$(mktemp)
  "$bench" load --collectors "$n" --seconds "$seconds" --port "$port" >"$load_out" 2>&1
  wait "$server"
  echo "== $n collectors"
  grep -E '^(CONNECTED|SENT)' "$load_out"
  grep -E '^RESULT' "$out"
  # Each collector also sends online, info and stats once when it connects.
  sent=$(sed -n 's/^SENT .*total=\([0-9]*\).*/\1/p' "$load_out")
  accepted=$(sed -n 's/^RESULT .*accepted=\([0-9]*\).*/\1/p' "$out")
  echo "dropped=$(( sent + 3 * n - accepted ))"
  rm -f "$out" "$load_out"
done
