#!/bin/bash
# Alternating runs: register N accounts on a fresh silo, in batches vs one PUT per account (8 in flight).
S=${S:-src/Monitor.Silo/bin/Release/net10.0/Monitor.Silo.dll}
L=${L:-bench/Monitor.LoadGen/bin/Release/net10.0/Monitor.LoadGen.dll}
N=${1:-5000}; PAIRS=${2:-3}; PORT=5431
run() {
  local label=$1 extra=$2 dir; PORT=$((PORT + 1))
  dir=$(mktemp -d /tmp/register-ab.XXXX)
  dotnet "$S" serve --sqlite-path "$dir/monitor.db" --urls "http://127.0.0.1:$PORT" > "$dir/silo.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health/ready" > /dev/null && break; sleep 0.5; done
  echo "$label $(dotnet "$L" --server "http://127.0.0.1:$PORT/" --accounts "$N" --register-only $extra 2>&1 | tail -n 1) | load $(cut -d' ' -f1-3 /proc/loadavg)"
  kill -TERM "$pid"; wait "$pid" 2> /dev/null || true
  rm -rf "$dir"
}
for i in $(seq 1 "$PAIRS"); do
  run "batch#$i" ""
  run "put#$i" "--register-one-by-one"
done
