#!/usr/bin/env bash
# Sizing (OPS-4): S signed-in staff sessions held on live pages (区域监控's 60-tile page, 4 of 5; an elevator's live
# detail, 1 of 5) as headless Blazor Server circuits, while N collectors send their state once a second. The real
# application runs on Kestrel in one process (Release); the sessions and collectors in a second one. Prints, per
# tier, the server's CPU and memory before and with the sessions, per session, and the update latency the sessions
# see (collector publish → the render batch carrying the new floor).
# Usage: benchmarks/sizing.sh [sessions ...]   (default 200 500 1000)
# Environment: COLLECTORS=N (1000), SECONDS_PER_TIER=T measured seconds per tier (60), NO_BUILD=1 to skip the build.
set -euo pipefail
cd "$(dirname "$0")/.."
tiers=("$@")
[ ${#tiers[@]} -gt 0 ] || tiers=(200 500 1000)
collectors=${COLLECTORS:-1000}
seconds=${SECONDS_PER_TIER:-60}
source benchmarks/common.sh
http=18081
mqtt=18832
echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${tiers[@]}"; do
  out=$(mktemp)
  map=$(mktemp)
  "$bench" sizing-server --collectors "$collectors" --http-port "$http" --port "$mqtt" --map "$map" >"$out" 2>&1 &
  server=$!
  until grep -q '^READY' "$out"; do
    kill -0 "$server" 2>/dev/null || { cat "$out"; exit 1; }
    sleep 0.5
  done
  load_out=$(mktemp)
  status=0
  "$bench" sizing-load --sessions "$n" --collectors "$collectors" --seconds "$seconds" --http-port "$http" --port "$mqtt" --map "$map" >"$load_out" 2>&1 || status=$?
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  echo "== $n sessions, $collectors collectors, ${seconds}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -E '^(CONNECTED|BASELINE|OPENED|START FAILED|RESULT|FIRST ERROR)' "$load_out" || cat "$load_out"
  # The server logs warnings and errors only: a circuit that failed says so here.
  echo "server log lines (warnings and errors): $(grep -cE ' (WRN|ERR|FTL)\]' "$out" || true)"
  grep -E ' (WRN|ERR|FTL)\]' "$out" | sed 's/^\[[0-9:]* /[/' | sort | uniq -c | sort -rn | head -3 || true
  rm -f "$out" "$load_out" "$map"
  [ "$status" -eq 0 ] || exit "$status"
done
