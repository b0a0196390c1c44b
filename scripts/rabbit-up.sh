#!/usr/bin/env bash
# rabbit-up.sh: a throwaway RabbitMQ node for confd's tests, listening on
# 127.0.0.1 only, on free random ports, with all its state in a temporary
# directory. No systemd and no system-wide epmd are involved.
#
#   eval "$(scripts/rabbit-up.sh start [DIR])"
#       Starts a node whose files live in DIR (default: a new directory under
#       /tmp) and prints on stdout:
#         export CONFD_TEST_AMQP='amqp://guest:guest@127.0.0.1:PORT/'
#         export CONFD_TEST_AMQP_CTL='DIR/ctl'
#         export CONFD_TEST_AMQP_DIR='DIR'
#       "$CONFD_TEST_AMQP_CTL stop_app" (or start_app, list_queues, ...) runs
#       rabbitmqctl against that node.
#   scripts/rabbit-up.sh stop [DIR]
#       Stops the node and its epmd (default DIR: $CONFD_TEST_AMQP_DIR) and
#       removes DIR. Safe to call on a half-started or already stopped DIR.
#
# rabbitmq-server is installed with apt-get when missing. The node and its
# private epmd run in a session of their own; stop kills exactly that session
# and the processes it started (found by parent PID), and nothing else.
set -euo pipefail

RABBIT_LIB=/usr/lib/rabbitmq/bin

# SUPERVISOR DIR: a bash program that moves to DIR (where crash dumps go),
# loads DIR/env, starts the private epmd,
# waits for it, runs the node in the foreground, then stops that epmd.
# shellcheck disable=SC2016 # expanded by that bash, not here
SUPERVISOR='
cd "$1" || exit 1
. ./env
epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1 &
epmd_pid=$!
for _ in {1..50}; do (: <"/dev/tcp/127.0.0.1/$ERL_EPMD_PORT") 2>/dev/null && break; sleep 0.1; done
rc=0
"$RABBITMQ_LIB_BIN/rabbitmq-server" || rc=$?
kill "$epmd_pid" 2>/dev/null
exit "$rc"'

say() { echo "rabbit-up: $*" >&2; }
die() { say "$*"; exit 1; }

# listening PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
listening() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port LOW SPAN: prints a port in [LOW, LOW+SPAN) nobody listens on.
free_port() {
  local p
  for _ in {1..50}; do
    p=$(($1 + RANDOM % $2))
    listening "$p" || { echo "$p"; return; }
  done
  return 1
}

ensure_installed() {
  [[ -x "$RABBIT_LIB/rabbitmq-server" ]] && command -v epmd >/dev/null && return
  local sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo -n)
  command -v apt-get >/dev/null || die "rabbitmq-server missing and no apt-get: install it by hand"
  say "installing rabbitmq-server with apt-get"
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq rabbitmq-server >&2
}

# write_files DIR AMQP_PORT EPMD_PORT DIST_PORT: the node's configuration, the
# environment shared by the server and rabbitmqctl, and the ctl wrapper.
write_files() {
  local dir=$1 amqp=$2 epmd=$3 dist=$4
  mkdir -p "$dir/home" "$dir/log"
  printf '%s\n' "listeners.tcp.1 = 127.0.0.1:$amqp" "loopback_users.guest = true" \
    "log.console = false" "log.file.level = warning" "disk_free_limit.absolute = 10MB" \
    >"$dir/rabbitmq.conf"
  echo '[].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf" # replaces /etc/rabbitmq/rabbitmq-env.conf
  cat >"$dir/env" <<EOF
export HOME='$dir/home'
export ERL_EPMD_PORT=$epmd ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_NODENAME='confd_$amqp@localhost' RABBITMQ_USE_LONGNAME=false
export RABBITMQ_CONF_ENV_FILE='$dir/rabbitmq-env.conf' RABBITMQ_CONFIG_FILE='$dir/rabbitmq.conf'
export RABBITMQ_ENABLED_PLUGINS_FILE='$dir/enabled_plugins'
export RABBITMQ_MNESIA_BASE='$dir/mnesia' RABBITMQ_LOG_BASE='$dir/log'
export RABBITMQ_PID_FILE='$dir/beam.pid' RABBITMQ_LIB_BIN='$RABBIT_LIB'
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$amqp RABBITMQ_DIST_PORT=$dist
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
# never let Erlang start a system epmd of its own: it would outlive the node
export ERL_FLAGS='-start_epmd false' ERL_CRASH_DUMP='$dir/erl_crash.dump'
EOF
  # shellcheck disable=SC2016 # $RABBITMQ_NODENAME and $@ belong to the wrapper
  printf '#!/bin/sh\n. %s\nexec %s -n "$RABBITMQ_NODENAME" "$@"\n' "'$dir/env'" "$RABBIT_LIB/rabbitmqctl" >"$dir/ctl"
  chmod +x "$dir/ctl"
}

# launch DIR NAME CMD...: runs CMD in the background in a new session (so its
# PID is also its process group) and records that PID in DIR/NAME.pgid.
# This script never enables job control, so setsid does not fork and $! is CMD.
launch() {
  local dir=$1 name=$2
  shift 2
  setsid "$@" </dev/null >"$dir/$name.out" 2>&1 &
  echo $! >"$dir/$name.pgid"
}

# wait_ready DIR PORT: waits until the node accepts AMQP connections.
wait_ready() {
  for _ in {1..600}; do
    listening "$2" && return
    alive "$(cat "$1/node.pgid")" || { tail -n 20 "$1/node.out" >&2; return 1; }
    sleep 0.1
  done
  say "no AMQP listener on port $2 after 60 s"
  return 1
}

# start_node DIR: picks free ports, writes the files, starts the node and
# waits for it. Sets AMQP_PORT and EPMD_PORT.
start_node() {
  local dir=$1 dist signalled=""
  # disjoint ranges below the kernel's ephemeral ports (32768 and up), which
  # clients of the test servers use
  AMQP_PORT=$(free_port 26000 4000) || die "no free port"
  EPMD_PORT=$(free_port 30000 1000) || die "no free port"
  dist=$(free_port 31000 1500) || die "no free port"
  write_files "$dir" "$AMQP_PORT" "$EPMD_PORT" "$dist"
  # epmd and the node under one shell: when the node ends, even without stop
  # (rabbitmqctl stop, a crash), its epmd ends too. A signal is held back
  # until node.pgid is written, so that the EXIT trap finds what to stop.
  trap 'signalled=130' INT
  trap 'signalled=143' TERM
  launch "$dir" node bash -c "$SUPERVISOR" node "$dir"
  trap 'exit 130' INT
  trap 'exit 143' TERM
  [[ -z "$signalled" ]] || exit "$signalled"
  wait_ready "$dir" "$AMQP_PORT"
}

cmd_start() {
  local dir=${1:-} attempt
  ensure_installed
  [[ -n "$dir" ]] || dir=$(mktemp -d /tmp/confd-rabbit.XXXXXX)
  [[ ! -e "$dir" || -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
  trap 'cmd_stop "$dir"' EXIT # undone unless fully started
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -p "$dir"
  for attempt in 1 2 3; do
    start_node "$dir" && break
    # most likely a port taken between its check and its use: try others
    say "RabbitMQ did not start (attempt $attempt)"
    end_tree "$dir" node
    rm -rf "${dir:?}"/*
    [[ $attempt -lt 3 ]] || die "giving up; see the log above"
  done
  trap - EXIT
  say "RabbitMQ on 127.0.0.1:$AMQP_PORT (epmd $EPMD_PORT), files in $dir"
  echo "export CONFD_TEST_AMQP='amqp://guest:guest@127.0.0.1:$AMQP_PORT/'"
  echo "export CONFD_TEST_AMQP_CTL='$dir/ctl'"
  echo "export CONFD_TEST_AMQP_DIR='$dir'"
}

# descendants PID: prints PID and all its descendants, including the helpers
# Erlang starts in sessions of their own (erl_child_setup, inet_gethost, ...).
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      keep[root] = 1; n = 1
      while (n > 0) { n = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; n++ } }
      for (p in keep) print p
    }'
}

# alive PID: true while PID runs (a zombie, waiting for PID 1 to reap it, is dead).
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ -n "$st" && "$st" != Z* ]]; }

# end_tree DIR NAME: kills the process recorded in DIR/NAME.pgid, its process
# group and all its descendants, and waits until they are gone. The node's
# data is thrown away, so there is no need for a slow clean shutdown.
end_tree() {
  local pgid pids p
  pgid=$(cat "$1/$2.pgid" 2>/dev/null) || return 0
  [[ -n "$pgid" ]] || return 0
  pids=$(descendants "$pgid")
  kill -KILL -- "-$pgid" 2>/dev/null || true
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  for p in $pids; do
    for _ in {1..50}; do alive "$p" || continue 2; sleep 0.1; done
    say "process $p of $2 still running after 5 s"
  done
}

cmd_stop() {
  local dir=${1:-${CONFD_TEST_AMQP_DIR:-}}
  [[ -n "$dir" ]] || die "stop: no directory given and CONFD_TEST_AMQP_DIR is not set"
  [[ -d "$dir" ]] || return 0
  end_tree "$dir" node
  rm -rf "$dir"
  say "stopped and removed $dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop "${2:-}" ;;
  *) sed -n '2,21p' "$0" >&2; exit 2 ;;
esac
