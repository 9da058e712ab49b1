#!/usr/bin/env bash
# Runs every test. On a fresh Debian 12 machine with the .NET 10 SDK it first installs what the tests need:
# Debian's chromium (browser tests) and mosquitto-clients (a foreign MQTT client), and the pinned dotnet tools.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
# Screenshots of the pages are for people to look at: Chinese text needs a CJK font.
fc-list 2>/dev/null | grep -qi "CJK" || missing+=(fonts-noto-cjk)
if ((${#missing[@]} > 0)); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} from Debian..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet tool restore >/dev/null

# The machine's pace, for reading the run's times: SQLite commits wait for the disk (synced writes), the rest for CPU.
synced=$(mktemp)
machine="machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); 200 synced 4 KiB writes: $( { dd if=/dev/zero of="$synced" bs=4k count=200 oflag=dsync 2>&1 || true; } | tail -n 1)"
rm -f "$synced"
echo "$machine"

log=$(mktemp)
results=$(mktemp -d)
set +e
# A test stuck for 12 minutes ends the run with its name instead of using up the CI's time.
dotnet test TiLianBang.sln --results-directory "$results" --logger "trx" \
  --blame-hang-timeout 12m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Where the time went: the test classes that ran longest (first test's start to last test's end; classes run two
# at a time) and the slowest single tests, so a slow run shows its cause in the last lines of the log.
grep -ho '<UnitTestResult [^>]*>' "$results"/*.trx 2>/dev/null | awk '
  function attr(line, key) {
    if (match(line, key "=\"[^\"]*\"")) return substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 3)
    return ""
  }
  function secs(ts,   p) { split(substr(ts, 12, 16), p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
  {
    name = attr($0, "testName"); sub(/\(.*/, "", name)
    test = name; cls = name; sub(/\.[^.]*$/, "", cls); sub(/.*\./, "", cls)
    start = secs(attr($0, "startTime")); end = secs(attr($0, "endTime"))
    if (end < start) end += 86400
    if (!(cls in first) || start < first[cls]) first[cls] = start
    if (end > last[cls]) last[cls] = end
    split(attr($0, "duration"), d, ":"); took = d[1] * 3600 + d[2] * 60 + d[3]
    if (took > slowest[test]) slowest[test] = took
  }
  END {
    for (c in first) printf "class %7.1f s  %s\n", last[c] - first[c], c | "sort -k2 -rn | head -n 15"
    close("sort -k2 -rn | head -n 15")
    for (t in slowest) printf "test  %7.1f s  %s\n", slowest[t], t | "sort -k2 -rn | head -n 10"
  }' || true
rm -rf "$results"

# One plain summary line over all test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { gsub(/,/, "", p); printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
echo "$machine"
exit "$status"
