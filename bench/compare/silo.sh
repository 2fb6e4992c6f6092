#!/usr/bin/env bash
# Sourced by the A/B scripts here: one silo of a given build on a fresh SQLite file, ready before the run starts.
#   silo_start <Monitor.Silo.dll> <port> [VAR=value settings]: starts it in the background and waits for /health/ready
#     (at most five minutes: a silo starts in 5-10 s on a quiet machine, in over a minute at load 40; not ready, the
#     script stops); sets SILO_PID and SILO_DIR, the fresh folder with monitor.db and silo.log
#   silo_stop: stops it and removes its folder

silo_start() {
  local dll=$1 port=$2 settings=${3:-}
  SILO_DIR=$(mktemp -d)
  # shellcheck disable=SC2086 # the settings are words for env
  env $settings dotnet "$dll" serve --sqlite-path "$SILO_DIR/monitor.db" --urls "http://127.0.0.1:$port" > "$SILO_DIR/silo.log" 2>&1 &
  SILO_PID=$!
  # A script stopped half-way (Ctrl-C, an error under set -e) must not leave its silo running on the port.
  trap 'kill -TERM "$SILO_PID" 2> /dev/null; rm -rf "$SILO_DIR"' EXIT
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null && return 0; sleep 0.5; done
  echo "the silo $dll was not ready on port $port after 300 s" >&2
  kill -TERM "$SILO_PID"
  exit 1
}

silo_stop() {
  kill -TERM "$SILO_PID"; wait "$SILO_PID" 2> /dev/null || true
  rm -rf "$SILO_DIR"
  trap - EXIT
}
