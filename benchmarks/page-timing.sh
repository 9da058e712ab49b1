#!/usr/bin/env bash
# Every staff page opened in Debian's chromium as the platform administrator: median time to first byte,
# DOMContentLoaded and interactive (Blazor circuit rendered) per page, for each installation size given.
# Usage: benchmarks/page-timing.sh [elevators ...]   (default: the demo's 60, then 5000)
# Environment: RUNS=n loads per page (after a warm-up load), PAGES=/a,/b only those pages, DETAIL=1 a breakdown per load.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(0 5000)
dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
for n in "${sizes[@]}"; do
  dotnet benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks.dll pages --elevators "$n" --runs "${RUNS:-3}"
done
