#!/usr/bin/env bash
# A private PostgreSQL on loopback for the ledger's tests and CI (docs/ledger.md).
#
#   scripts/start-postgres.sh [start|restart|stop|url]
#
# start (the default) installs Debian's `postgresql` when no server binaries are found,
# creates a cluster in $STATUTE_PG_DIR (default /tmp/statute-postgres) owned by the
# `postgres` user when run as root, starts it on 127.0.0.1:$STATUTE_PG_PORT (default
# 55432), creates the role and database `statute` (password `statute`; the role may create
# databases, so each test gets its own), and prints the line
#   export STATUTE_TEST_POSTGRES=postgres://statute:statute@127.0.0.1:PORT/statute
# for `eval "$(scripts/start-postgres.sh)"`. Running it again reuses what is there.
# restart stops the server (fast mode) and starts it again; stop stops it; url prints the URL.
set -euo pipefail

action=${1:-start}
dir=${STATUTE_PG_DIR:-/tmp/statute-postgres}
port=${STATUTE_PG_PORT:-55432}
data="$dir/data"
log="$dir/server.log"
url="postgres://statute:statute@127.0.0.1:$port/statute"

say() { echo "start-postgres: $*" >&2; }

# The newest installed server's binaries (initdb, pg_ctl, psql).
find_bin() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
    [ "$action" = start ] || { say "PostgreSQL is not installed"; exit 2; }
    say "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql > /dev/null
    bin=$(find_bin) || { say "no initdb after installing postgresql"; exit 2; }
fi

# As root, the server runs as `postgres` (it refuses to run as root).
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_ctl() { as_owner "$bin/pg_ctl" -D "$data" "$@"; }
running() { pg_ctl status > /dev/null 2>&1; }

start_server() {
    # The server outlives this script: it must not keep open the descriptors this script
    # was given beyond stdin, stdout and stderr (a caller waiting for them to close, as a
    # test runner watching its child may, would wait for the server's end).
    (
        for fd in /proc/self/fd/*; do
            n=${fd##*/}
            [ "$n" -gt 2 ] && eval "exec $n>&-"
        done 2> /dev/null
        pg_ctl -l "$log" -w -t 60 \
            -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 -c fsync=off" \
            start > /dev/null
    ) || { say "the server did not start:"; tail -n 20 "$log" >&2; exit 2; }
}

psql_admin() { as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres "$@"; }

case "$action" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -s "$data/PG_VERSION" ]; then
        say "creating a cluster in $data"
        as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; say "initdb failed"; exit 2; }
    fi
    running || start_server
    if [ "$(psql_admin -tAc "select 1 from pg_roles where rolname = 'statute'")" != 1 ]; then
        psql_admin -c "create role statute login createdb password 'statute'"
    fi
    if [ "$(psql_admin -tAc "select 1 from pg_database where datname = 'statute'")" != 1 ]; then
        psql_admin -c "create database statute owner statute"
    fi
    say "PostgreSQL $("$bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) on 127.0.0.1:$port (data in $data)"
    echo "export STATUTE_TEST_POSTGRES=$url"
    ;;
restart)
    [ -s "$data/PG_VERSION" ] || { say "no cluster in $data; run start first"; exit 2; }
    running && pg_ctl -m fast -w stop > /dev/null
    start_server
    ;;
stop)
    if [ -s "$data/PG_VERSION" ] && running; then pg_ctl -m fast -w stop > /dev/null; fi
    ;;
url)
    echo "$url"
    ;;
*)
    say "usage: $0 [start|restart|stop|url]"
    exit 2
    ;;
esac
