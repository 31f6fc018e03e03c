#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, on 127.0.0.1 only, trusting local connections.
#   scripts/pg-test-cluster.sh start [dir]   initdb (once) and start; prints the URL to give the tests:
#                                            DUTYLINE_TEST_DB=postgres DUTYLINE_TEST_PG_URL=<url> npx jest
#   scripts/pg-test-cluster.sh stop [dir]    stop it and remove its files
# dir defaults to $DUTYLINE_PG_DIR or /tmp/dutyline-pg-test. Port 55432 if free, else the next free one.
# Durability is off (fsync, synchronous_commit): the data lives as long as a test run.
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail

command="${1:-}"
DIR="${2:-${DUTYLINE_PG_DIR:-/tmp/dutyline-pg-test}}"

find_bin() {
  if command -v "$1" >/dev/null; then command -v "$1"; return; fi
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] || { echo "error: $1 not found: install PostgreSQL (apt-get install postgresql)" >&2; exit 1; }
  echo "$found"
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

url() { echo "postgres://postgres@127.0.0.1:$(cat "$DIR/port")/postgres"; }

case "$command" in
  start)
    PG_CTL="$(find_bin pg_ctl)"
    if [ -f "$DIR/port" ] && as_server_user "$PG_CTL" -D "$DIR/data" status >/dev/null 2>&1; then
      url; exit 0
    fi
    mkdir -p "$DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_server_user "$(find_bin initdb)" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log"
    fi
    port=55432
    while port_in_use "$port"; do port=$((port + 1)); done
    as_server_user "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w -o \
      "-p $port -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null
    echo "$port" >"$DIR/port"
    url
    ;;
  stop)
    if [ -d "$DIR/data" ]; then
      as_server_user "$(find_bin pg_ctl)" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop [dir]" >&2
    exit 2
    ;;
esac
