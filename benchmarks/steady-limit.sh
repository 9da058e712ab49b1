#!/usr/bin/env bash
# The per-process limit (issue 20, goal 3): N collectors connected at once (19,000: a process here may hold 20,000
# open files) sending R state messages a second in all (QoS 0, evenly paced by the raw-socket generator) for S seconds,
# against the real application in a second process (embedded broker, full pipeline, SQLite). Prints the server's
# device -> live-state latency (from each message's ts to the live-state notification), what the generator sent
# against what the pipeline accepted, the server's CPU and memory, memory per connection and CPU per 1,000 messages,
# and a projection for 50,000 collectors at the same per-collector rate.
# Usage: benchmarks/steady-limit.sh [seconds] [collectors] [messages/s]   (default 600 19000 25000)
# Environment: NO_BUILD=1 skips the Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
n=${2:-19000}
total=${3:-25000}
source benchmarks/common.sh
port=$(free_port)
rate=$(awk -v t="$total" -v n="$n" 'BEGIN { printf "%.6f", t / n }')
echo "== $(date -u '+%F %T') UTC, $(nproc) cores, open files per process $(ulimit -n), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $n collectors x ${rate}/s = $total messages/s for ${seconds}s"
"$bench" server --collectors "$n" --seconds "$seconds" --port "$port" >"$work/server.txt" 2>&1 &
server=$!
pids+=("$server")
until grep -q '^READY' "$work/server.txt"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.txt"; exit 1; }
  sleep 1
done
idle_ws=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status")
"$bench" raw-load --port "$port" --connections "$n" --rate "$rate" --kind state --seconds "$seconds" --threads 2 >"$work/load.txt" 2>&1 &
gen=$!
pids+=("$gen")
until grep -q '^CONNECTED' "$work/load.txt" 2>/dev/null; do
  kill -0 "$gen" 2>/dev/null || { cat "$work/load.txt"; exit 1; }
  sleep 1
done
connected_rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status")
grep '^CONNECTED' "$work/load.txt"
wait "$gen"
wait "$server" || true
# The server's own view every 10 s of load: rate, latency over the last 10 s, CPU, memory.
grep -E '^t=.*last10s' "$work/server.txt" | sed 's/^/   /'

grep -E '^RESULT' "$work/load.txt" | sed 's/^/   load: /'
grep -E '^(RESULT|OVERLOAD)' "$work/server.txt" | sed 's/^/   server: /'
sent=$(sed -n 's/^RESULT .* sent=\([0-9]*\).*/\1/p' "$work/load.txt")
accepted=$(sed -n 's/^RESULT .* accepted=\([0-9]*\).*/\1/p' "$work/server.txt")
cpu=$(sed -n 's/^RESULT .* cpu=\([0-9]*\)%.*/\1/p' "$work/server.txt")
peak=$(sed -n 's/^RESULT .* peakWorkingSet=\([0-9]*\)MiB.*/\1/p' "$work/server.txt")
rate_seen=$(sed -n 's/^RESULT .* rate=\([0-9]*\)\/s.*/\1/p' "$work/server.txt")
awk -v n="$n" -v sent="$sent" -v acc="$accepted" -v cpu="$cpu" -v peak="$peak" -v idle="$idle_ws" -v conn="$connected_rss" -v r="$rate_seen" 'BEGIN {
  printf "sent=%d accepted=%d lost=%d\n", sent, acc, sent - acc
  per = (conn - idle) * 1024 / n
  printf "memory: %d MiB before connecting, %d MiB with %d connected (%.0f KiB per connection), peak %d MiB under load\n", idle, conn, n, per, peak
  cpk = r > 0 ? cpu / 100 * 1000 / r * 1000 : 0
  printf "cpu: %d%% of one core at %d messages/s = %.1f ms per 1,000 messages\n", cpu, r, cpk
  scale = 50000 / n
  printf "projection for 50,000 collectors at the same rate each (%d messages/s): %.1f cores, %.0f MiB (peak scaled by connections)\n", r * scale, cpu / 100 * scale, idle + (peak - idle) * scale }'
