#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for tests: loopback only, fixed port, trust auth.
#   scripts/postgres.sh start   initdb (first time only) and start; waits until it accepts connections
#   scripts/postgres.sh stop    fast shutdown of the postmaster by its pid
#   scripts/postgres.sh status  exit 0 when running
#   scripts/postgres.sh url     print the connection string
# Settings: SRE_PG_PORT (default 55432), SRE_PG_DIR (default /tmp/sre-catalog-pg-$UID).
# Needs the Debian package postgresql (scripts/setup.sh installs it).
set -euo pipefail

PORT="${SRE_PG_PORT:-55432}"
# Under /tmp, not the checkout: the server runs as the `postgres` user, which cannot
# necessarily traverse the checkout's parents, and the data must not end up in git.
DIR="${SRE_PG_DIR:-/tmp/sre-catalog-pg-$UID}"
DATA="$DIR/data"
LOG="$DIR/server.log"
URL="postgresql://postgres@127.0.0.1:$PORT"

pg_bin() {
  local bin
  # Debian keeps server binaries off PATH, one folder per major version; take the newest.
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql/*/bin; run scripts/setup.sh postgresql" >&2
    exit 1
  fi
  echo "$bin"
}

# The server refuses to run as root, so as root run it as the Debian `postgres` user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pid() { # the postmaster's pid, from its pid file
  head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true
}

is_running() {
  as_pg "$(pg_bin)/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  local bin
  bin="$(pg_bin)"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$DIR"
    chmod 700 "$DIR"
    echo "postgres.sh: initdb $DATA" >&2
    # trust on loopback only; the C locale does not depend on the machine's locales.
    as_pg "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 ||
      { cat "$DIR/initdb.log" >&2; exit 1; }
  fi
  if is_running; then
    echo "postgres.sh: already running (pid $(pid)) on $URL" >&2
    return 0
  fi
  # -k: the socket goes into our own folder, not /var/run/postgresql (which may not exist).
  # fsync and friends off: the data is disposable and tests create many databases.
  # max_connections: every test database gets its own knex pool.
  as_pg "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null ||
    { echo "postgres.sh: start failed; server log:" >&2; tail -n 30 "$LOG" >&2; exit 1; }
  echo "postgres.sh: started (pid $(pid)) on $URL" >&2
}

stop() {
  if ! is_running; then
    echo "postgres.sh: not running" >&2
    return 0
  fi
  local p
  p="$(pid)"
  # pg_ctl stop signals exactly the pid in postmaster.pid (SIGINT = fast shutdown) and waits.
  as_pg "$(pg_bin)/pg_ctl" -D "$DATA" stop -m fast -w -t 60 >/dev/null
  echo "postgres.sh: stopped (pid $p)" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_running ;;
  url) echo "$URL" ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
