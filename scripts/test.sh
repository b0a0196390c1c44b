#!/usr/bin/env bash
# test.sh: confd's test command. Usage: scripts/test.sh [go test flags and args]
#
# Installs what is missing (postgresql and rabbitmq-server with apt-get,
# staticcheck with go install), starts a throwaway PostgreSQL and RabbitMQ on
# 127.0.0.1, exports CONFD_TEST_POSTGRES, CONFD_TEST_AMQP and
# CONFD_TEST_AMQP_CTL, then runs go vet and staticcheck, and the tests:
#   - with no ARGS and no $CONFD_TEST_PKGS, every test of ./... once without
#     the race detector, then under -race: every test of the packages other
#     than the root and httpserver, and the tests of those two whose names
#     match $RACE_RUN (the ones that run writers, relays or deliveries
#     side by side); -race makes the other tests of those two four times
#     slower and proves nothing more, since they run one request at a time;
#   - else go test -race -count=1 [ARGS] on $CONFD_TEST_PKGS (default ./...).
# Exits non-zero when any of them fails.
# Both servers are removed on exit, whatever the reason (failure, INT, TERM).
set -euo pipefail

STATICCHECK_VERSION=v0.8.2 # staticcheck 2026.2.2, built for Go 1.26

cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { echo "test.sh: $*" >&2; }

# Children run in sessions of their own, in the background, so that a signal
# to this script is handled at once and passed on to them and everything they
# started. Their PIDs, which are also their process group IDs, are in $children.
children=()

# spawn CMD...: starts CMD that way and appends its PID to $children.
spawn() {
  setsid "$@" </dev/null &
  children+=("$!")
}

# Server start scripts running in the background. They are not interrupted
# (stopping a half-started server races with its start) but waited for.
starting=()

# run CMD...: spawn CMD and wait for it; returns its status.
run() {
  say "\$ $*"
  spawn "$@"
  local rc=0
  wait "${children[-1]}" || rc=$?
  unset 'children[-1]'
  return "$rc"
}

workdir=""
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM HUP
  for pid in "${children[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${children[@]}" "${starting[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$workdir" ]]; then
    scripts/rabbit-up.sh stop "$workdir/rabbit" || true
    scripts/pg-up.sh stop "$workdir/pg" || true
    rm -rf "$workdir"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# install_packages: one apt-get run for the servers that are missing.
install_packages() {
  local missing=() sudo=()
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null ||
    missing+=(postgresql)
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
  [[ ${#missing[@]} -eq 0 ]] && return
  [[ $EUID -eq 0 ]] || sudo=(sudo -n)
  say "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

# staticcheck_bin: prints the path of staticcheck $STATICCHECK_VERSION,
# installing it into GOBIN (default GOPATH/bin) when needed.
staticcheck_bin() {
  local gobin
  gobin=$(go env GOBIN)
  [[ -n "$gobin" ]] || gobin="$(go env GOPATH | cut -d: -f1)/bin"
  if ! "$gobin/staticcheck" -version 2>/dev/null | grep -qF "(${STATICCHECK_VERSION#v})"; then
    say "installing staticcheck $STATICCHECK_VERSION into $gobin"
    GOBIN=$gobin go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION" >&2
  fi
  echo "$gobin/staticcheck"
}

# start_servers: starts PostgreSQL and RabbitMQ side by side, exports their env.
start_servers() {
  workdir=$(mktemp -d /tmp/confd-test.XXXXXX)
  chmod 755 "$workdir" # the postgres user must reach $workdir/pg
  scripts/pg-up.sh start "$workdir/pg" </dev/null >"$workdir/pg.env" &
  starting+=("$!")
  scripts/rabbit-up.sh start "$workdir/rabbit" </dev/null >"$workdir/rabbit.env" &
  starting+=("$!")
  local pid rc=0
  for pid in "${starting[@]}"; do wait "$pid" || rc=1; done
  starting=()
  [[ $rc -eq 0 ]] || { say "could not start the test servers"; return 1; }
  # shellcheck disable=SC1091
  . "$workdir/pg.env"
  # shellcheck disable=SC1091
  . "$workdir/rabbit.env"
  export CONFD_TEST_POSTGRES CONFD_TEST_AMQP CONFD_TEST_AMQP_CTL
}

# RACE_RUN names the root's and httpserver's tests run under -race too.
RACE_RUN='Concurrent|Race|Relay|Delivery|RunInTx|Bus|Sysconfd|Close|Outbox'

# run_tests [ARGS]: the tests, as the header says.
run_tests() {
  if [[ $# -gt 0 || -n "${CONFD_TEST_PKGS:-}" ]]; then
    run go test -race -count=1 "${pkgs[@]}" "$@"
    return
  fi
  local module rc=0 others
  module=$(go list -m)
  others=$(go list ./... | grep -v -x -e "$module" -e "$module/httpserver")
  run go test -count=1 ./... || rc=1
  # shellcheck disable=SC2086
  run go test -race -count=1 $others || rc=1
  run go test -race -count=1 -run "$RACE_RUN" . ./httpserver || rc=1
  return "$rc"
}

main() {
  local pkgs failed=() staticcheck
  read -r -a pkgs <<<"${CONFD_TEST_PKGS:-./...}"
  install_packages
  staticcheck=$(staticcheck_bin)
  start_servers
  run go vet "${pkgs[@]}" || failed+=("go vet")
  run "$staticcheck" "${pkgs[@]}" || failed+=(staticcheck)
  run_tests "$@" || failed+=("go test")
  if [[ ${#failed[@]} -gt 0 ]]; then
    say "FAILED: ${failed[*]}"
    return 1
  fi
  say "all passed"
}

main "$@"
