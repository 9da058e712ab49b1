#!/usr/bin/env bash
# Cold start: time from launching the built web app to its first sign-in page, on a fresh data folder
# (migrate + demo seed) and again on the same folder (an ordinary restart). Prints one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=${PORT:-5099}
dotnet build TiLianBang.Web -c Release -v quiet -nologo >/dev/null
dll=bin/Release/net10.0/TiLianBang.Web.dll
cd TiLianBang.Web

measure() {
  local data=$1 start end pid
  start=$(date +%s%N)
  ASPNETCORE_URLS="http://127.0.0.1:$port" App__DataDirectory="$data" Demo__Enabled=true \
    dotnet "$dll" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/account/signin"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited before serving; run it by hand to see why" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "run  fresh-data-folder-ms  restart-ms"
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  fresh=$(measure "$data")
  again=$(measure "$data")
  rm -rf "$data"
  echo "$i    $fresh    $again"
done
