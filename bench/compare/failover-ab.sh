#!/usr/bin/env bash
# Alternating A/B runs of the kill -9 failover test: two checkouts whose tests/Monitor.Cluster.Tests are built in Release
# (each test starts its own checkout's silo processes and a throw-away PostgreSQL).
# usage: failover-ab.sh <A checkout> <B checkout> [pairs=3]
# Prints one line per run: the time until every account took a write after the kill, the death declaration, the 503s.
set -uo pipefail
A=$1; B=$2; PAIRS=${3:-3}
for _ in $(seq 1 "$PAIRS"); do
  for side in A B; do
    dir=$A; [ "$side" = B ] && dir=$B
    out=$(cd "$dir" && dotnet tests/Monitor.Cluster.Tests/bin/Release/net10.0/Monitor.Cluster.Tests.dll -method "*After_kill_9*" -showLiveOutput 2>&1)
    line=$(echo "$out" | grep -o "kill -9 failover:.*" | head -1)
    result=$(echo "$out" | grep -o "Total: .*" | tail -1)
    echo "$(date +%T) $side load=$(cut -d' ' -f1 /proc/loadavg) | ${line:-no figure} | $result"
  done
done
