#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server with production durability (fsync, synchronous_commit and full_page_writes on),
# on a free loopback port, for the PostgreSQL storage benchmarks.
#
#   eval "$(bench/Monitor.Benchmarks/postgres-durable.sh start)"   # exports MONITOR_TEST_POSTGRES and MONITOR_BENCH_PGDATA
#   ... run the benchmarks ...
#   bench/Monitor.Benchmarks/postgres-durable.sh stop                # stops the server and deletes its folder
#
# initdb refuses to run as root, so a root caller runs the server as the 'postgres' account.
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    root=$(mktemp -d /tmp/monitor-bench-pg-XXXXXX)
    chmod 755 "$root"
    [ "$(id -u)" = 0 ] && chown postgres: "$root"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$BIN/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --no-instructions >"$root/initdb.log"
    as_owner "$BIN/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
      -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=400 -c shared_buffers=128MB" \
      start >/dev/null
    echo "export MONITOR_BENCH_PGDATA=$root"
    echo "export MONITOR_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false'"
    ;;
  stop)
    root=${2:-${MONITOR_BENCH_PGDATA:?pass the folder printed by start, or export MONITOR_BENCH_PGDATA}}
    as_owner "$BIN/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null || true
    rm -rf "$root"
    ;;
  *)
    echo "usage: $0 start | stop [folder]" >&2
    exit 2
    ;;
esac
