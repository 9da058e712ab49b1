# Sourced by the benchmark scripts after `set -euo pipefail`: moves to the repository root, lifts the open-file limit
# as far as this process may, builds the benchmarks in Release (NO_BUILD=1 skips it), and gives
#   $bench       the benchmark program;
#   $work        a temporary folder, removed on exit;
#   pids+=(PID)  processes to stop on exit;
#   free_port    a free TCP port on 127.0.0.1.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "${NO_BUILD:-0}" = 1 ] || dotnet build benchmarks/TiLianBang.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=${BENCH:-$PWD/benchmarks/TiLianBang.Benchmarks/bin/Release/net10.0/TiLianBang.Benchmarks}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
