#!/bin/bash
# Alternating runs: register N accounts on a fresh silo, in batches vs one PUT per account (8 in flight).
S=${S:-src/Monitor.Silo/bin/Release/net10.0/Monitor.Silo.dll}
L=${L:-bench/Monitor.LoadGen/bin/Release/net10.0/Monitor.LoadGen.dll}
N=${1:-5000}; PAIRS=${2:-3}; PORT=5431
source "$(dirname "${BASH_SOURCE[0]}")/silo.sh"
run() {
  local label=$1 extra=$2; PORT=$((PORT + 1))
  silo_start "$S" "$PORT"
  echo "$label $(dotnet "$L" --server "http://127.0.0.1:$PORT/" --accounts "$N" --register-only $extra 2>&1 | tail -n 1) | load $(cut -d' ' -f1-3 /proc/loadavg)"
  silo_stop
}
for i in $(seq 1 "$PAIRS"); do
  run "batch#$i" ""
  run "put#$i" "--register-one-by-one"
done
