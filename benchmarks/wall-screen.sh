#!/usr/bin/env bash
# STA-4: the wall screen left open (nobody touching it) with the demo's simulated elevators moving; prints the
# server's working set and managed heap and the page's JS heap and DOM nodes every minute, then the growth per hour.
# Usage: benchmarks/wall-screen.sh [minutes]   (default 60)   Environment: SAMPLE=s seconds between samples (60),
# PAGE=0 runs the server alone without the page (the control for the server's own growth),
# CPUS=list cores to run on (taskset; default one core, "0", so that it leaves the machine's other core alone).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-60}"
dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
# The server, chromium and the driver all inherit the one core; nice keeps interactive work on it responsive.
exec taskset -c "${CPUS:-0}" nice -n 10 env DOTNET_PROCESSOR_COUNT=1 \
  dotnet benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks.dll wall-screen --minutes "$minutes" --sample "${SAMPLE:-60}" --page "${PAGE:-1}"
