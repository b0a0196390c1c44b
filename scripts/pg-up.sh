#!/usr/bin/env bash
# pg-up.sh: a throwaway PostgreSQL server for confd's tests, listening on
# 127.0.0.1 only, on a free random port, with its data in a temporary directory.
#
#   eval "$(scripts/pg-up.sh start [DIR])"
#       Creates the cluster in DIR (default: a new directory under /tmp), starts
#       it, creates the database "confd" and prints on stdout:
#         export CONFD_TEST_POSTGRES='postgres://postgres@127.0.0.1:PORT/confd?sslmode=disable'
#         export CONFD_TEST_POSTGRES_DIR='DIR'
#   scripts/pg-up.sh stop [DIR]
#       Stops the server of DIR (default: $CONFD_TEST_POSTGRES_DIR) and removes DIR.
#       Safe to call on a half-started or already stopped DIR.
#
# The PostgreSQL server binaries are taken from $CONFD_PG_BIN, else from the
# directory of the pg_ctl found on PATH, else from the newest
# /usr/lib/postgresql/*/bin; when none is found they are installed with apt-get.
# PostgreSQL will not run as root: as root, the server runs as the "postgres"
# system user (created if missing). Authentication is "trust" on loopback,
# durability settings are off: for tests only.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin # runuser, useradd

say() { echo "pg-up: $*" >&2; }
die() { say "$*"; exit 1; }

# as_owner CMD...: runs CMD as the cluster owner (postgres when we are root).
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# listening PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
listening() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# apt_install PKG...: installs Debian packages, as root or through sudo.
apt_install() {
  local sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo -n)
  command -v apt-get >/dev/null || die "$* missing and no apt-get: install it by hand"
  say "installing $* with apt-get"
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}

# server_bin_dir: prints the directory holding initdb, pg_ctl and postgres.
server_bin_dir() {
  local cand=() d
  [[ -n "${CONFD_PG_BIN:-}" ]] && cand+=("$CONFD_PG_BIN")
  command -v pg_ctl >/dev/null && cand+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
  mapfile -t -O "${#cand[@]}" cand < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  for d in "${cand[@]}"; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]] && { echo "$d"; return; }
  done
  return 1
}

# find_or_install_bin: like server_bin_dir, installing PostgreSQL first if needed.
find_or_install_bin() {
  server_bin_dir && return
  apt_install postgresql >/dev/null
  server_bin_dir || die "no PostgreSQL server binaries even after installing postgresql"
}

# prepare_dir DIR: creates DIR, owned by the user the server will run as.
prepare_dir() {
  mkdir -p "$1"
  chmod 700 "$1"
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    chown postgres "$1"
  fi
}

# start_server BIN DIR: starts the server on a free port and prints the port.
start_server() {
  local bin=$1 dir=$2 port attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 6000)) # below the ephemeral ports (32768 and up)
    listening "$port" && continue
    if as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null; then
      echo "$port"
      return
    fi
    say "could not start on port $port (attempt $attempt); server log:"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  return 1
}

cmd_start() {
  local dir=${1:-} bin port createdb
  bin=$(find_or_install_bin)
  [[ -n "$dir" ]] || dir=$(mktemp -d /tmp/confd-pg.XXXXXX)
  [[ ! -e "$dir" || -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  trap 'cmd_stop "$dir"' EXIT # undone unless fully started
  trap 'exit 130' INT
  trap 'exit 143' TERM
  prepare_dir "$dir"
  echo "$bin" >"$dir/bindir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  port=$(start_server "$bin" "$dir") || die "could not start PostgreSQL (logs in $dir)"
  createdb=$bin/createdb
  [[ -x "$createdb" ]] || createdb=$(command -v createdb) || die "createdb not found"
  "$createdb" -h 127.0.0.1 -p "$port" -U postgres confd
  trap - EXIT
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir"
  echo "export CONFD_TEST_POSTGRES='postgres://postgres@127.0.0.1:$port/confd?sslmode=disable'"
  echo "export CONFD_TEST_POSTGRES_DIR='$dir'"
}

cmd_stop() {
  local dir=${1:-${CONFD_TEST_POSTGRES_DIR:-}} bin pid
  [[ -n "$dir" ]] || die "stop: no directory given and CONFD_TEST_POSTGRES_DIR is not set"
  [[ -d "$dir" ]] || return 0
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    bin=$(cat "$dir/bindir" 2>/dev/null || server_bin_dir || true)
    if ! as_owner "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 20 >/dev/null 2>&1; then
      # the first line of postmaster.pid is the server's own PID
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [[ -n "$pid" ]]; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
  fi
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  *) sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
