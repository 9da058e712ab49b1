#!/usr/bin/env bash
# Where the platform's time goes at saturation (issue 20 goal 6): the platform (broker-server) under the raw-load
# generator back to back, QoS 0 states then QoS 1 events; for each, dotnet-counters (runtime counters) and
# dotnet-trace (sampled thread stacks, ~100 Hz) over the middle of the run, then the top methods (cpu-report: threads
# running managed code only, inclusive and exclusive).
# Needs dotnet-counters and dotnet-trace: TOOLS=dir holding both (dotnet tool install dotnet-trace --tool-path dir).
# Usage: benchmarks/broker-profile.sh [seconds] [connections] [out-dir]   (default 30 s, 200, ./profile-out)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
conns=${2:-200}
out=$(realpath -m "${3:-profile-out}")
tools=${TOOLS:-$HOME/.dotnet/tools}
mkdir -p "$out"
source benchmarks/common.sh
port=$(free_port)
"$bench" broker-server --collectors "$conns" --port "$port" --data "$work/data" >"$out/server.txt" 2>&1 &
server=$!
pids+=("$server")
until grep -q '^READY' "$out/server.txt"; do
  kill -0 "$server" 2>/dev/null || { cat "$out/server.txt"; exit 1; }
  sleep 0.5
done
trace_for=$((seconds / 2))
for kind in state event; do
  echo "== $kind, $conns connections back to back, $(date -u '+%T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bench" raw-load --port "$port" --connections "$conns" --back-to-back --kind "$kind" --seconds "$seconds" >"$out/load-$kind.txt" 2>&1 &
  gen=$!
  pids+=("$gen")
  sleep $((seconds / 4))
  "$tools/dotnet-counters" collect -p "$server" --duration "00:00:00:$trace_for" --format csv -o "$out/counters-$kind.csv" \
    --counters System.Runtime,Microsoft-AspNetCore-Server-Kestrel >/dev/null 2>&1 &
  counters=$!
  "$tools/dotnet-trace" collect -p "$server" --profile dotnet-sampled-thread-time --duration "00:00:00:$trace_for" -o "$out/trace-$kind.nettrace" >/dev/null 2>&1
  wait "$counters" || true
  wait "$gen"
  grep '^RESULT' "$out/load-$kind.txt"
  "$tools/dotnet-trace" report "$out/trace-$kind.nettrace" topN -n 40 >"$out/top-exclusive-$kind.txt" 2>&1 || true
  "$tools/dotnet-trace" report "$out/trace-$kind.nettrace" topN -n 80 --inclusive >"$out/top-inclusive-$kind.txt" 2>&1 || true
  # Running threads only (topN counts waiting ones too): the CPU profile by method.
  "$bench" cpu-report "$out/trace-$kind.nettrace" --top 60 >"$out/cpu-$kind.txt" 2>&1 || true
  sed -n '1,25p' "$out/cpu-$kind.txt"
  sleep 5
done
kill "$server"
wait "$server" 2>/dev/null || true
echo "traces, counters and top-N reports in $out"
