#!/usr/bin/env bash
# 统计分析 speed (issue 17 item 7): generates N elevators with a year of counter readings, device events, repair
# orders and maintenance visits into a fresh SQLite file, then times every statistics service call cold and warm
# (median of RUNS) as the platform and as a maintenance company. Exits 1 when a call takes 1 s or more.
# Usage: benchmarks/statistics.sh [elevators] [repair orders]   (default 5000 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks.dll statistics --elevators "${1:-5000}" --orders "${2:-20000}" --runs "${RUNS:-5}"
