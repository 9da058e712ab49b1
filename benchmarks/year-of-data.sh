#!/usr/bin/env bash
# A year of device data (issue 20 goal 5): generates D days of raw device rows for N elevators at real rates into a
# fresh SQLite file, prints sizes per table projected to 5,000 elevators and a year, folds every day, prunes to the
# default retention (90 days of state history and counters, 365 of connection changes) while the record writer
# stores rows, and times 运行统计 / 故障统计 before and after. Exits 1 if any figure changed with the prune.
# Usage: benchmarks/year-of-data.sh [elevators] [days]   (default 25 365; TRIPS=300 STATS_MINUTES=5 WRITER_RATE=500)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
uptime
dotnet benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks.dll year-of-data --elevators "${1:-25}" --days "${2:-365}" \
  --trips "${TRIPS:-300}" --stats-minutes "${STATS_MINUTES:-5}" --writer-rate "${WRITER_RATE:-500}"
uptime
