#!/usr/bin/env bash
# Alternating A/B runs of the CSV import on SQLite (10M rows made with Monitor.LoadGen --generate-csv ... --accounts 1000).
# usage: import-ab.sh <A Monitor.Silo.dll> <B Monitor.Silo.dll> <Monitor.LoadGen.dll> <rows.csv> [pairs=1]
# The same client uploads to both: the `monitor` tool's dll, $MONITOR_CLI_DLL (default: this clone's Release build).
set -euo pipefail
A=$1; B=$2; L=$3; CSV=$4; PAIRS=${5:-1}
CLI=${MONITOR_CLI_DLL:-src/Monitor.Cli.Tool/bin/Release/net10.0/Monitor.Cli.Tool.dll}
PORT=5398
source "$(dirname "${BASH_SOURCE[0]}")/silo.sh"
run() {
  local label=$1 dll=$2 start end
  silo_start "$dll" "$PORT"
  if ! dotnet "$L" --server "http://127.0.0.1:$PORT/" --accounts 1000 --register-only > "$SILO_DIR/register.log" 2>&1; then
    # A silo before POST /api/accounts/batch (the own runtime, 36c221b): the LoadGen's accounts one PUT each.
    seq 9100000000 9100000999 | xargs -P 8 -I{} curl -sf -o /dev/null -X PUT -H 'Content-Type: application/json' \
      -H 'X-Monitor-Client: import-ab' -d '{"groups":["loadgen"],"tags":["synthetic"]}' "http://127.0.0.1:$PORT/api/accounts/x:{}"
  fi
  start=$(date +%s.%N)
  dotnet "$CLI" import "$CSV" --server "http://127.0.0.1:$PORT" > "$SILO_DIR/import.log" 2>&1
  end=$(date +%s.%N)
  echo "$label $(tail -n 1 "$SILO_DIR/import.log" | cut -c1-160); load $(cut -d' ' -f1-3 /proc/loadavg); wall $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s; silo peak $(grep VmHWM "/proc/$SILO_PID/status" | awk '{print $2/1024 " MiB"}')"
  silo_stop
}
for i in $(seq 1 "$PAIRS"); do
  run "A#$i" "$A"
  run "B#$i" "$B"
done
