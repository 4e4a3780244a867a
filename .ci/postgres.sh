#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests, with password (SCRAM) login.
#
#   url=$(bash .ci/postgres.sh start DIR [PORT])   # prints the test URL
#   bash .ci/postgres.sh stop DIR
#
# Installs Debian's PostgreSQL when it is missing. The cluster runs as an unprivileged
# user (the "postgres" account when we are root: initdb refuses root), keeps its data
# and socket in DIR, and is built for speed, not safety (fsync off): it dies with DIR.
set -euo pipefail

action=${1:?start or stop}
dir=${2:?a directory for the cluster}
port=${3:-55433}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

case "$action" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "installing PostgreSQL from Debian's packages" >&2
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -q >&2
      # The package's own cluster is not started here (no init system) nor used.
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql >&2
    fi
    bin=$(bin_dir)
    mkdir -p "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    printf '%s\n' "$password" > "$dir/pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U cswork --pwfile="$dir/pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-sync >"$dir/initdb.log"
    rm -f "$dir/pwfile"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2
    echo "postgresql+psycopg://cswork:$password@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(bin_dir)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
