#!/usr/bin/env bash
# Overload (issue 20, goal 4): N collectors against the real application in a second process; all but the last K
# publish QoS 0 states back to back (more than the server can take), the last K send 4 states a second as the
# protocol allows. Prints the server's latency for everyone and for the K steady collectors, accepted, superseded
# (coalesced) and over-budget counts, and the trip-boundary rows stored.
# Usage: benchmarks/overload.sh [seconds] [N] [K]   (default 30 200 20)
# Environment: BOUNDARIES=1 (every flooded state flips run: a trip boundary each), NO_BUILD=1, BENCH=path of the
# benchmark binary, and any application setting, e.g. Mqtt__DeviceBudget__MessagesPerSecond=0 (no budget).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
n=${2:-200}
steady=${3:-20}
source benchmarks/common.sh
port=$(free_port)
out=$work/server.txt
load_out=$work/load.txt
"$bench" server --collectors "$n" --seconds "$seconds" --port "$port" --steady "$steady" >"$out" 2>&1 &
server=$!
pids+=("$server")
until grep -q '^READY' "$out"; do
  kill -0 "$server" 2>/dev/null || { cat "$out"; exit 1; }
  sleep 0.5
done
"$bench" overload --collectors "$n" --seconds "$seconds" --port "$port" --boundaries "${BOUNDARIES:-0}" --steady "$steady" >"$load_out" 2>&1
wait "$server"
echo "== $n collectors ($((n - steady)) flooding, $steady steady), ${seconds}s, boundaries=${BOUNDARIES:-0}, load: $(cut -d, -f1 /proc/loadavg 2>/dev/null | awk '{print $1}')"
grep -E '^(CONNECTED|SENT)' "$load_out" || cat "$load_out"
grep -E '^t=' "$out" | tail -n 3
grep -E '^(RESULT|OVERLOAD)' "$out"
