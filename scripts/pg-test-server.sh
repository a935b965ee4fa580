#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for Frugal's tests.
#   eval "$(scripts/pg-test-server.sh start)"   # prints export FRUGAL_TEST_PG=... PGPASSWORD=...
#   scripts/pg-test-server.sh stop
# Installs Debian's postgresql when missing (as root). The cluster (initdb into a temp dir, pg_ctl start on a
# free port, password auth over TCP on 127.0.0.1 only) runs as the postgres user when started by root,
# since postgres refuses to run as root. State lives in $FRUGAL_PG_DIR (default /tmp/frugal-pg-test).
set -euo pipefail
state="${FRUGAL_PG_DIR:-/tmp/frugal-pg-test}"

say() { echo "pg-test-server: $*" >&2; }

bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgresql() {
  bindir >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "PostgreSQL is not installed; install it with: sudo apt-get install postgresql"
    exit 1
  fi
  say "installing Debian's postgresql ..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# As the postgres user when root; as oneself otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(seq 54320 54420); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  say "no free port in 54320-54420"
  exit 1
}

start() {
  if [ -f "$state/env" ] && [ -f "$state/data/postmaster.pid" ]; then
    say "already running; stop it first: $0 stop"
    cat "$state/env"
    return 0
  fi
  install_postgresql
  local bin port password user
  bin="$(bindir)"
  port="$(free_port)"
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
  user=frugal
  rm -rf "$state"
  mkdir -p "$state"
  printf '%s\n' "$password" >"$state/pwfile"
  chmod 600 "$state/pwfile"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$state"
  as_owner "$bin/initdb" -D "$state/data" -U "$user" --pwfile="$state/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; exit 1; }
  rm -f "$state/pwfile"
  # Throwaway: durability off for speed; loopback only.
  as_owner "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$state -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$state/server.log" >&2; exit 1; }
  {
    echo "export FRUGAL_TEST_PG=postgresql://$user@127.0.0.1:$port/postgres"
    echo "export PGPASSWORD=$password"
  } >"$state/env"
  chmod 600 "$state/env"
  say "running on 127.0.0.1:$port (data in $state/data)"
  cat "$state/env"
}

stop() {
  [ -d "$state/data" ] || { say "not running"; return 0; }
  local bin
  bin="$(bindir)"
  as_owner "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$state"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
