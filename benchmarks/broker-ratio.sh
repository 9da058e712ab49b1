#!/usr/bin/env bash
# Broker ratio (issue 20): the same raw-socket generator (raw-load) drives Debian's mosquitto, then our platform
# (embedded broker, full pipeline, SQLite in a temp folder, demo data + N collectors), each with QoS 0 states and
# QoS 1 events (code 40, no repair order) back to back; prints both ingest rates, the ratios and the CPU of the broker
# and of the generator. Ingest = what the broker has read (QoS 0: until the PINGRESP after the last publish) or
# acknowledged (QoS 1; for the platform a PUBACK means the event is committed).
# First a correctness check at low rate: what the generator counts as acknowledged/sent against mosquitto_sub.
# Usage: benchmarks/broker-ratio.sh [seconds] [connections] [inflight]   (default 10 s, 200, 10)
#        NO_BUILD=1 skips the Release build; PROTOCOL=5 uses MQTT 5.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
conns=${2:-200}
inflight=${3:-10}
protocol=${PROTOCOL:-3.1.1}
source benchmarks/common.sh
hz=$(getconf CLK_TCK)
# utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the command name).
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
field() { sed -n "s|.* $1=\([^ ]*\).*|\1|p" "$2" | tail -1; }

# load NAME BROKER_PID raw-load options...: runs the generator; the broker's CPU counts from CONNECTED to the end.
load() {
  local name=$1 broker=$2
  shift 2
  local out="$work/$name.txt"
  "$bench" raw-load --seconds "$seconds" --protocol "$protocol" "$@" >"$out" 2>&1 &
  local gen=$!
  until grep -q '^CONNECTED' "$out" 2>/dev/null; do
    kill -0 "$gen" 2>/dev/null || break
    sleep 0.1
  done
  local t0 w0 t1 w1
  t0=$(cpu_ticks "$broker"); w0=$(date +%s.%N)
  wait "$gen"
  t1=$(cpu_ticks "$broker"); w1=$(date +%s.%N)
  # CPU per 1,000 messages depends far less on what else runs on the box than a rate does.
  local sent
  sent=$(field sent "$out")
  echo "BROKER $(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v w0="$w0" -v w1="$w1" -v n="${sent:-0}" 'BEGIN {
    printf "cpu=%.0f%% cpu-s=%.1f cpu-per-1000=%.1fms", (b - a) / hz / (w1 - w0) * 100, (b - a) / hz, (n ? (b - a) / hz * 1e6 / n : 0) }')" >>"$out"
  echo "-- $name: $(grep '^CONNECTED' "$out")"
  grep -E '^(RESULT|CLOSED|BROKER)' "$out" | sed 's/^/   /'
}

echo "== $(date -u '+%F %T') UTC, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- mosquitto -------------------------------------------------------------------------------------------------
port=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nmax_connections -1\n' "$port" >"$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" &
mosquitto=$!
pids+=("$mosquitto")
sleep 0.5
echo "== mosquitto $(/usr/sbin/mosquitto -h 2>/dev/null | sed -n 's/mosquitto version //p' | head -1) on port $port"

# Correctness: a subscriber sees exactly what the generator says was acknowledged (QoS 1) or sent (QoS 0).
timeout 60 mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -t 'tlb/+/event' -W 30 >"$work/sub-events.txt" 2>/dev/null &
sub=$!
pids+=("$sub")
sleep 0.5
load check-events "$mosquitto" --port "$port" --connections 10 --rate 5 --kind event --seconds 4 >/dev/null
sleep 1
kill "$sub" 2>/dev/null || true
timeout 60 mosquitto_sub -h 127.0.0.1 -p "$port" -q 0 -t 'tlb/+/state' -W 30 >"$work/sub-states.txt" 2>/dev/null &
sub=$!
pids+=("$sub")
sleep 0.5
load check-states "$mosquitto" --port "$port" --connections 10 --rate 20 --kind state --seconds 4 >/dev/null
sleep 1
kill "$sub" 2>/dev/null || true
echo "check: events acknowledged=$(field acknowledged "$work/check-events.txt") subscriber=$(wc -l <"$work/sub-events.txt");" \
  "states sent=$(field sent "$work/check-states.txt") subscriber=$(wc -l <"$work/sub-states.txt")"

load mosquitto-states "$mosquitto" --port "$port" --connections "$conns" --back-to-back --kind state
load mosquitto-events "$mosquitto" --port "$port" --connections "$conns" --back-to-back --kind event --inflight "$inflight"
kill "$mosquitto"
wait "$mosquitto" 2>/dev/null || true

# --- the platform ----------------------------------------------------------------------------------------------
port=$(free_port)
"$bench" broker-server --collectors "$conns" --port "$port" --data "$work/data" >"$work/server.txt" 2>&1 &
server=$!
pids+=("$server")
until grep -q '^READY' "$work/server.txt"; do
  kill -0 "$server" 2>/dev/null || { cat "$work/server.txt"; exit 1; }
  sleep 0.5
done
echo "== platform (embedded broker, full pipeline, SQLite) on port $port"
quiet() { # wait until the server's accepted count stops moving (its queues are empty)
  local last="" now
  for _ in $(seq 1 60); do
    sleep 2
    now=$(grep -c '^SERVER' "$work/server.txt" || true)
    [ "$now" = "$last" ] && return
    last=$now
  done
}
mark=$(grep -c '^SERVER' "$work/server.txt" || true)
load platform-states "$server" --port "$port" --connections "$conns" --back-to-back --kind state
quiet
tail -n +"$((mark + 1))" "$work/server.txt" | grep '^SERVER' >"$work/platform-states-server.txt" || true
mark=$(grep -c '^SERVER' "$work/server.txt" || true)
load platform-events "$server" --port "$port" --connections "$conns" --back-to-back --kind event --inflight "$inflight"
quiet
tail -n +"$((mark + 1))" "$work/server.txt" | grep '^SERVER' >"$work/platform-events-server.txt" || true
kill "$server"
wait "$server" 2>/dev/null || true
grep '^STOPPED' "$work/server.txt" | sed 's/^/   server: /'
for kind in states events; do
  # The server's own view: median accepted/s over the seconds it was busy, and its peak working set.
  echo "   server during $kind: median accepted/s=$(sed -n 's/.* accepted\/s=\([0-9]*\).*/\1/p' "$work/platform-$kind-server.txt" | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}')" \
    "written=$(( $(field written "$work/platform-$kind-server.txt" || echo 0) ))" \
    "peak ws=$(sed -n 's/.* ws=\([0-9]*\)MiB.*/\1/p' "$work/platform-$kind-server.txt" | sort -n | tail -1)MiB"
done

echo "== ratio (platform / mosquitto), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
ms=$(field ingested/s "$work/mosquitto-states.txt"); ps=$(field ingested/s "$work/platform-states.txt")
me=$(field ack/s "$work/mosquitto-events.txt"); pe=$(field ack/s "$work/platform-events.txt")
cms=$(field cpu-per-1000 <(grep '^BROKER' "$work/mosquitto-states.txt")); cps=$(field cpu-per-1000 <(grep '^BROKER' "$work/platform-states.txt"))
cme=$(field cpu-per-1000 <(grep '^BROKER' "$work/mosquitto-events.txt")); cpe=$(field cpu-per-1000 <(grep '^BROKER' "$work/platform-events.txt"))
echo "broker CPU per 1,000 messages: states mosquitto $cms, platform $cps; events mosquitto $cme, platform $cpe"
awk -v ms="$ms" -v ps="$ps" -v me="$me" -v pe="$pe" 'BEGIN {
  printf "QoS 0 states: mosquitto %d/s, platform %d/s, ratio %.2fx (target >= 0.6)\n", ms, ps, (ms ? ps / ms : 0)
  printf "QoS 1 events: mosquitto %d/s, platform %d/s, ratio %.2fx (target >= 0.5)\n", me, pe, (me ? pe / me : 0) }'
