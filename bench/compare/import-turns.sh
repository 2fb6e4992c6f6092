#!/usr/bin/env bash
# Runs of the CSV import on SQLite (10M rows made with Monitor.LoadGen --generate-csv ... --accounts 1000), as import-ab.sh,
# for any number of builds taken in turn (A B C A B C ...). Each run prints the silo's CPU seconds (in all, and from the
# import's start), the client's peak RSS and the silo's GC counters at the end (from its /metrics).
# usage: import-turns.sh <Monitor.LoadGen.dll> <rows.csv> <rounds> label=<Monitor.Silo.dll>[,<monitor import options>][|VAR=value ...]...
#   |VAR=value ...: environment settings for that silo (DOTNET_GCgen0size=0x4000000, Monitor__...), space-separated
# The same client uploads to all: the `monitor` tool's dll, $MONITOR_CLI_DLL (default: this clone's Release build).
set -euo pipefail
L=$1; CSV=$2; PAIRS=$3; shift 3
CLI=${MONITOR_CLI_DLL:-src/Monitor.Cli.Tool/bin/Release/net10.0/Monitor.Cli.Tool.dll}
PORT=${PORT:-5396}
source "$(dirname "${BASH_SOURCE[0]}")/silo.sh"
run() {
  local label=$1 spec=${2%%|*} settings= args= start end cpu0 gc
  [[ $2 == *'|'* ]] && settings=${2#*|}
  [[ $spec == *,* ]] && args=${spec#*,}
  silo_start "${spec%%,*}" "$PORT" "$settings"
  if ! dotnet "$L" --server "http://127.0.0.1:$PORT/" --accounts 1000 --register-only > "$SILO_DIR/register.log" 2>&1; then
    # A silo before POST /api/accounts/batch (the own runtime, 36c221b): the LoadGen's accounts one PUT each.
    seq 9100000000 9100000999 | xargs -P 8 -I{} curl -sf -o /dev/null -X PUT -H 'Content-Type: application/json' \
      -H 'X-Monitor-Client: import-ab' -d '{"groups":["loadgen"],"tags":["synthetic"]}' "http://127.0.0.1:$PORT/api/accounts/x:{}"
  fi
  cpu0=$(awk '{print ($14+$15)/100}' "/proc/$SILO_PID/stat")
  start=$(date +%s.%N)
  /usr/bin/time -f %M -o "$SILO_DIR/client.rss" dotnet "$CLI" import "$CSV" --server "http://127.0.0.1:$PORT" $args > "$SILO_DIR/import.log" 2>&1
  end=$(date +%s.%N)
  gc=$(curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^dotnet_gc_(collections_total|pause_time_seconds_total|heap_total_allocated_bytes_total)' \
    | sed -E 's/\{[^}]*gc_heap_generation="([^"]+)"[^}]*\}/_\1/; s/\{[^}]*\}//; s/^dotnet_gc_//' | awk '{printf "%s=%s ", $1, $2}')
  echo "$label $(tail -n 1 "$SILO_DIR/import.log" | cut -c1-160); load $(cut -d' ' -f1-3 /proc/loadavg); wall $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s; silo peak $(grep VmHWM "/proc/$SILO_PID/status" | awk '{print $2/1024 " MiB"}'); silo cpu $(awk '{print ($14+$15)/100 " s"}' "/proc/$SILO_PID/stat") (import $(awk -v c0="$cpu0" '{printf "%.1f", ($14+$15)/100 - c0}' "/proc/$SILO_PID/stat") s); client peak $(( $(cat "$SILO_DIR/client.rss") / 1024 )) MiB; $gc"
  silo_stop
}
for i in $(seq 1 "$PAIRS"); do
  for spec in "$@"; do run "${spec%%=*}#$i" "${spec#*=}"; done
done
