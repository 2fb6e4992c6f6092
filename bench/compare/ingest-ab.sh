#!/usr/bin/env bash
# Alternating A/B runs of HTTP ingest on SQLite: two builds of Monitor.Silo (A = before, B = after), the same LoadGen.
# usage: ingest-ab.sh <A Monitor.Silo.dll> <B Monitor.Silo.dll> <Monitor.LoadGen.dll> [pairs=3] [duration=15]
# A run whose load generator reports failures still prints its line (the failures are counted in it), so one
# rejected batch does not end the comparison.
# A_ENV / B_ENV: settings for one side only, e.g. one build with A_ENV=Monitor__Telemetry__Enabled=false (telemetry off vs on).
set -euo pipefail
A=$1; B=$2; L=$3; PAIRS=${4:-3}; DURATION=${5:-15}
PORT=${PORT:-5397}
source "$(dirname "${BASH_SOURCE[0]}")/silo.sh"
# user + system CPU time of a process, in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  local label=$1 dll=$2 settings=$3
  silo_start "$dll" "$PORT" "$settings"
  dotnet "$L" --server "http://127.0.0.1:$PORT/" --clients 2 --batch-size 5000 --accounts 100 --duration "${WARMUP:-5}" --start-days-ago 5000 > /dev/null || true
  local out before after observations
  before=$(cpu_ticks "$SILO_PID")
  out=$(dotnet "$L" --server "http://127.0.0.1:$PORT/" --clients 2 --batch-size 5000 --accounts 100 --duration "$DURATION" --prerender 500 ${EXTRA:-} || true)
  after=$(cpu_ticks "$SILO_PID")
  observations=$(echo "$out" | grep -oE '^ingest: [0-9,]+ observations' | grep -oE '[0-9,]+' | tr -d ,)
  echo "$label $(echo "$out" | grep -E 'obs/s' | head -n 1); silo CPU $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="${observations:-1}" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }') us/obs"
  silo_stop
}
for i in $(seq 1 "$PAIRS"); do
  run "A#$i" "$A" "${A_ENV:-}"
  run "B#$i" "$B" "${B_ENV:-}"
done
