#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for development and tests.
#   scripts/pg-cluster.sh start   initialises and starts it (if not running), prints its URL
#   scripts/pg-cluster.sh url     prints the URL
#   scripts/pg-cluster.sh stop    stops it and removes its data directory
# MESA_PG_PORT picks the port (default 55432); the data directory is /tmp/mesa-pg-<port>.
# The server refuses to run as root, so as root it runs as the `postgres` user; Debian's
# postgresql package is installed when it is missing and we are root.
set -euo pipefail

PORT="${MESA_PG_PORT:-55432}"
DIR="/tmp/mesa-pg-${PORT}"
URL="postgresql://mesa@127.0.0.1:${PORT}/postgres"

find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ] && command -v pg_ctl >/dev/null 2>&1; then
    found=$(dirname "$(command -v pg_ctl)")
  fi
  printf '%s' "$found"
}

as_server_user() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -f "$DIR/postmaster.pid" ] && as_server_user "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1
}

BIN=$(find_bin)

case "${1:-}" in
  start)
    if [ -z "$BIN" ]; then
      if [ "$(id -u)" != "0" ]; then
        echo "PostgreSQL is not installed; install Debian's postgresql package (as root)." >&2
        exit 1
      fi
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      BIN=$(find_bin)
    fi
    if ! running; then
      rm -rf "$DIR"
      mkdir -p "$DIR"
      if [ "$(id -u)" = "0" ]; then chown postgres: "$DIR"; fi
      chmod 700 "$DIR"
      as_server_user "$BIN/initdb" -D "$DIR" -A trust -U mesa -E UTF8 --locale=C.UTF-8 >/dev/null
      # Tests create and drop a database per test file: more connections than the default 100,
      # and fsync off, since the cluster is thrown away anyway.
      as_server_user "$BIN/pg_ctl" -D "$DIR" -w -l "$DIR/log" \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c timezone=UTC" \
        start >/dev/null
    fi
    echo "$URL"
    ;;
  url)
    echo "$URL"
    ;;
  stop)
    if [ -n "$BIN" ] && running; then
      as_server_user "$BIN/pg_ctl" -D "$DIR" -w -m fast stop >/dev/null
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
