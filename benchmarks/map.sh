#!/usr/bin/env bash
# 地图监控 at size in Debian's chromium: first render (navigation → every marker placed) and the cost of a status
# change (hub → marker recoloured; JS time per batch), single changes and a burst.
# Usage: benchmarks/map.sh [communities] [elevators]   (default 5000 50000)
# Environment: RUNS=n page loads after a warm-up (3), CHANGES=n single changes (40), BURST=n places in the burst (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
dotnet benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks.dll map \
  --communities "${1:-5000}" --elevators "${2:-50000}" --runs "${RUNS:-3}" --changes "${CHANGES:-40}" --burst "${BURST:-1000}"
