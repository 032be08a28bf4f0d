#!/usr/bin/env bash
# THE test command (README; .ci/run calls it). Works from a fresh clone:
#   setup (Debian postgresql, chromium and prometheus, Node 22, yarn install --immutable), then
#   tsc, API reports, lint, prettier, Jest (unit + backend tests, PostgreSQL 15 for TestDatabases),
#   frontend build, two backends (:7007 with the guest sign-in, :7008 with
#   app-config.restricted.yaml's), Playwright in Debian's Chromium against both.
# Every step runs even when an earlier one failed, so one run reports everything.
# Logs: .tools/logs/<step>.log (SRE_LOG_DIR to change). The last line printed is
# "N passed, N failed": Jest + Playwright tests, plus 1 failed per failed non-test step.
# Exit status is non-zero when anything failed.
# Knobs: SRE_E2E_PORT (7007; use another when a dev server already holds 7007),
# SRE_E2E_RESTRICTED_PORT (SRE_E2E_PORT + 1),
# SRE_PG_TEST_VERSIONS (15), SRE_PG_PORT/SRE_PG_DIR (scripts/postgres.sh), SRE_LOG_TAIL (60),
# SRE_JEST_TIMEOUT (1800 s), SRE_PLAYWRIGHT_TIMEOUT (900 s), SRE_BACKEND_READY_TIMEOUT (180 s).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
T_START=$(date +%s)

# backstage-cli repo test enters watch mode unless CI is set; Playwright then also forbids
# test.only and retries flaky tests.
export CI=true

LOG_DIR="${SRE_LOG_DIR:-$ROOT/.tools/logs}"
rm -rf "$LOG_DIR"
mkdir -p "$LOG_DIR"

E2E_PORT="${SRE_E2E_PORT:-7007}"
E2E_URL="http://localhost:$E2E_PORT"
E2E_RESTRICTED_PORT="${SRE_E2E_RESTRICTED_PORT:-$((E2E_PORT + 1))}"
E2E_RESTRICTED_URL="http://localhost:$E2E_RESTRICTED_PORT"
BACKEND_READY_TIMEOUT="${SRE_BACKEND_READY_TIMEOUT:-180}"

log() { printf '\033[1;34m[test]\033[0m %s\n' "$*" >&2; }

# --- bookkeeping -------------------------------------------------------------------------
PASSED=0
FAILED=0
ROWS=() # timing table: step, status, seconds, tests

add_row() { # add_row STEP STATUS SECONDS [TESTS]
  ROWS+=("$(printf '%-16s %-8s %6ss  %s' "$1" "$2" "$3" "${4:-}")")
}

show_failure() { # show_failure STEP: the end of its log, so CI output explains the failure
  local logf="$LOG_DIR/$1.log"
  log "step $1 FAILED; last lines of $logf:"
  if [ -f "$logf" ]; then tail -n "${SRE_LOG_TAIL:-60}" "$logf" | sed 's/^/    | /' >&2; fi
}

# run_step STEP CMD...: runs CMD (an external command, never a shell function, so that
# `set -e` semantics stay intact) with all output in $LOG_DIR/STEP.log, and records its
# status and duration. Non-test steps count as 1 failed when they fail.
# Sets STEP_RC and STEP_SECS for steps that count tests themselves (COUNT=tests).
# The step runs in its own process group (setsid) in the background while this shell waits:
# `wait` lets a signal's trap run at once, and cleanup can then stop the whole step by pid.
STEP_RC=0
STEP_SECS=0
STEP_PID=""
run_step() {
  local step=$1 t0
  shift
  log "step $step: $*"
  t0=$(date +%s)
  STEP_RC=0
  setsid "$@" >"$LOG_DIR/$step.log" 2>&1 </dev/null &
  STEP_PID=$!
  wait "$STEP_PID" || STEP_RC=$?
  STEP_PID=""
  STEP_SECS=$(($(date +%s) - t0))
  if [ "${COUNT:-step}" = tests ]; then
    return 0 # the caller parses the results and adds the row
  fi
  if [ "$STEP_RC" -eq 0 ]; then
    add_row "$step" ok "$STEP_SECS"
  else
    FAILED=$((FAILED + 1))
    add_row "$step" FAILED "$STEP_SECS" "(exit $STEP_RC)"
    show_failure "$step"
  fi
  return 0
}

skip_step() { # skip_step STEP REASON
  add_row "$1" skipped 0 "($2)"
  log "step $1 skipped: $2"
}

# --- cleanup: PostgreSQL and the backends are stopped by pid, also on failure/interrupt ----
PG_STARTED=0
BACKEND_PIDS="" # process groups of the e2e backends, space-separated

# stop_group PID: TERM, then KILL after 10 s, the process group that `setsid` made PID lead;
# this also reaches yarn's and backstage-cli's children (e.g. the node serving :7007).
stop_group() {
  kill -TERM -- "-$1" 2>/dev/null || return 0
  for _ in $(seq 1 20); do
    kill -0 -- "-$1" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$1" 2>/dev/null || true
}

stop_backends() {
  local pid
  for pid in $BACKEND_PIDS; do
    stop_group "$pid"
    log "backend stopped (process group $pid)"
  done
  BACKEND_PIDS=""
}

stop_postgres() {
  [ "$PG_STARTED" = 1 ] || return 0
  bash scripts/postgres.sh stop || true
  PG_STARTED=0
}

cleanup() {
  if [ -n "$STEP_PID" ]; then # interrupted in the middle of a step
    stop_group "$STEP_PID"
    log "interrupted step stopped (process group $STEP_PID)"
    STEP_PID=""
  fi
  stop_backends
  stop_postgres
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- result parsing ------------------------------------------------------------------------
# Prints "passed failed skipped" from Jest's --json output; exit 1 when the file is unusable.
jest_counts() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    // A suite that fails to run (syntax/import error) has no failing tests of its own.
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    console.log(r.numPassedTests, failed, r.numPendingTests + (r.numTodoTests || 0));
  ' "$1" 2>/dev/null
}

# Prints "passed failed skipped" from Playwright's json reporter; flaky = passed on retry.
playwright_counts() {
  node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
    console.log(s.expected + s.flaky, s.unexpected, s.skipped);
  ' "$1" 2>/dev/null
}

# add_test_results STEP RESULTS_FILE PARSER: adds a row and the counts for a test step.
# A non-zero exit without any failed test (crash, no tests found, ...) counts as 1 failed.
add_test_results() {
  local step=$1 file=$2 parser=$3 p=0 f=0 s=0 counts
  if counts="$("$parser" "$file")"; then
    read -r p f s <<<"$counts"
  fi
  if [ "$STEP_RC" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  if [ "$f" -eq 0 ]; then
    add_row "$step" ok "$STEP_SECS" "$p passed, $s skipped"
  else
    add_row "$step" FAILED "$STEP_SECS" "$p passed, $f failed, $s skipped (exit $STEP_RC)"
    show_failure "$step"
  fi
}

summary() {
  cleanup
  add_row total "" "$(($(date +%s) - T_START))"
  echo
  printf '%-16s %-8s %7s  %s\n' step status time "tests (logs: $LOG_DIR)"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "$PASSED passed, $FAILED failed"
}

# --- 0. setup ------------------------------------------------------------------------------
# The default package set: PostgreSQL for TestDatabases, Chromium for Playwright,
# Prometheus for the Prometheus integration test.
run_step setup bash scripts/setup.sh
if [ "$STEP_RC" -ne 0 ]; then
  log "setup failed; nothing else can run"
  summary
  exit 1
fi
# shellcheck source=scripts/env.sh
source scripts/env.sh # Node 22 and yarn on PATH for the steps below (setup ran in a child)

# --- a-c. static checks --------------------------------------------------------------------
run_step tsc yarn tsc
# The committed API reports (report*.api.md) must match the declarations tsc just wrote:
# a change to a package's public API shows in review. `yarn build:api-reports` updates them.
run_step api-reports yarn build:api-reports:check
run_step lint yarn lint:all
run_step prettier yarn prettier:check
# package.json metadata adopters' tooling reads (pluginId, pluginPackages, publish fields)
run_step packages yarn backstage-cli repo fix --publish --check

# --- d. Jest: unit + backend tests, with a real PostgreSQL 15 ------------------------------
# TestDatabases (@backstage/backend-test-utils) runs its POSTGRES_15 cases against the server
# in BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. Docker is disabled explicitly: with
# CI set it would otherwise try a container for every other id (POSTGRES_18..9, MYSQL_8) and
# fail, as there is no Docker; without a connection string those ids are skipped instead.
# Tests that pin other ids (e.g. ids: ['POSTGRES_17', 'SQLITE_3']) can be pointed at the same
# server with SRE_PG_TEST_VERSIONS="15 17" (the server stays PostgreSQL 15).
export BACKSTAGE_TEST_DISABLE_DOCKER=1
run_step postgres bash scripts/postgres.sh start
if [ "$STEP_RC" -eq 0 ]; then
  PG_STARTED=1
  pg_url="$(bash scripts/postgres.sh url)"
  for v in ${SRE_PG_TEST_VERSIONS:-15}; do
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${v}_CONNECTION_STRING=$pg_url"
  done
fi
# --ci: never write snapshots; --json/--outputFile: machine-readable counts (Jest flags,
# passed through by backstage-cli). The timeout keeps a hanging test from blocking CI forever.
COUNT=tests run_step jest timeout --kill-after=30 "${SRE_JEST_TIMEOUT:-1800}" \
  yarn backstage-cli repo test --ci --json --outputFile="$LOG_DIR/jest-results.json"
add_test_results jest "$LOG_DIR/jest-results.json" jest_counts
stop_postgres # not needed any more; the e2e backend uses in-memory SQLite

# --- e. end-to-end: built frontend served by the backend, Playwright in Chromium ------------
# The app is served by the backend here, not by the dev server on :3000: make app.baseUrl
# (used by the build and by the config app-backend injects into the page) say so.
export APP_CONFIG_app_baseUrl="$E2E_URL"
run_step build-app yarn workspace app build
APP_BUILT=$STEP_RC

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Collators every 15 s (not every 10 min, nor runbooks after a minute): the e2e tests
# find what they have just written, and what the catalog holds, in global search.
E2E_SCHEDULE='{"frequency":{"seconds":15},"timeout":{"minutes":2},"initialDelay":{"seconds":5}}'

# start_backend NAME PORT [VAR=VALUE...]: starts `yarn workspace backend start` on PORT
# with the extra environment, logging to NAME.log, in its own session (setsid) so that
# its whole process group can be stopped by pid; NODE_ENV=development is what
# `backstage-cli package start` expects. Sets STARTED_PID.
STARTED_PID=""
start_backend() {
  local name=$1 port=$2 url="http://localhost:$2"
  shift 2
  log "step $name: yarn workspace backend start on :$port $* (waiting for readiness)"
  env "$@" APP_CONFIG_app_baseUrl="$url" APP_CONFIG_backend_baseUrl="$url" \
    APP_CONFIG_backend_listen_port="$port" \
    APP_CONFIG_search_collators_catalog_schedule="$E2E_SCHEDULE" \
    APP_CONFIG_search_collators_srePostmortems_schedule="$E2E_SCHEDULE" \
    APP_CONFIG_search_collators_sreRunbooks_schedule="$E2E_SCHEDULE" \
    NODE_ENV=development setsid yarn workspace backend start \
    >"$LOG_DIR/$name.log" 2>&1 </dev/null &
  STARTED_PID=$!
  BACKEND_PIDS="$BACKEND_PIDS $STARTED_PID"
}

# wait_backend NAME URL PID T0: waits until the backend is ready and serves the built app,
# then adds its row (seconds since T0). Sets BACKEND_OK to 1 or 0; a failure counts.
BACKEND_OK=0
wait_backend() {
  local name=$1 url=$2 pid=$3 t0=$4 status="" index secs
  BACKEND_OK=0
  for _ in $(seq 1 "$BACKEND_READY_TIMEOUT"); do
    status="$(curl -s -o /dev/null -w '%{http_code}' "$url/.backstage/health/v1/readiness" || true)"
    if [ "$status" = 200 ]; then
      BACKEND_OK=1
      break
    fi
    kill -0 "$pid" 2>/dev/null || break # it died; no point in waiting
    sleep 1
  done
  if [ "$BACKEND_OK" = 1 ]; then
    # app-backend serves packages/app/dist only if it existed when the backend started (it
    # does here, since the build ran first); check that / really is the built app.
    index="$(curl -s "$url/" || true)"
    if ! grep -q '<div id="root">' <<<"$index" || ! grep -q '/static/' <<<"$index"; then
      BACKEND_OK=0
      printf '\nGET %s/ did not return the built frontend:\n%s\n' "$url" "${index:0:2000}" \
        >>"$LOG_DIR/$name.log"
    fi
  else
    printf '\nreadiness: last status %s after %ss\n' "${status:-none}" "$(($(date +%s) - t0))" \
      >>"$LOG_DIR/$name.log"
  fi
  secs=$(($(date +%s) - t0))
  if [ "$BACKEND_OK" = 1 ]; then
    add_row "$name" ok "$secs" "(ready, serving the app)"
  else
    FAILED=$((FAILED + 1))
    add_row "$name" FAILED "$secs" "(not ready or not serving the app)"
    show_failure "$name"
  fi
}

if [ "$APP_BUILT" -ne 0 ]; then
  skip_step backend "frontend build failed"
  skip_step playwright "frontend build failed"
elif port_in_use "$E2E_PORT"; then
  # Never test someone else's server: a leftover `yarn start` would answer on this port.
  FAILED=$((FAILED + 1))
  add_row backend FAILED 0 "(port $E2E_PORT already in use; set SRE_E2E_PORT)"
  log "port $E2E_PORT is already in use; stop that server or set SRE_E2E_PORT"
  skip_step playwright "no backend"
else
  # Two backends, started together: the demo as configured (the guest button signs in as
  # user:default/guest), and one with app-config.restricted.yaml (BACKSTAGE_ENV=restricted:
  # the guest button signs in as noor.rahman, a member of the restricted service's owner
  # group) for the *.restricted.test.ts specs. Each has its own in-memory database, so
  # each is seeded.
  t0=$(date +%s)
  start_backend backend "$E2E_PORT"
  main_pid=$STARTED_PID
  restricted_pid=""
  if port_in_use "$E2E_RESTRICTED_PORT"; then
    FAILED=$((FAILED + 1))
    add_row backend-restricted FAILED 0 \
      "(port $E2E_RESTRICTED_PORT already in use; set SRE_E2E_RESTRICTED_PORT)"
    log "port $E2E_RESTRICTED_PORT is already in use; the restricted sign-in specs do not run"
  else
    start_backend backend-restricted "$E2E_RESTRICTED_PORT" BACKSTAGE_ENV=restricted
    restricted_pid=$STARTED_PID
  fi
  wait_backend backend "$E2E_URL" "$main_pid" "$t0"
  main_ok=$BACKEND_OK
  restricted_ok=0
  if [ -n "$restricted_pid" ]; then
    wait_backend backend-restricted "$E2E_RESTRICTED_URL" "$restricted_pid" "$t0"
    restricted_ok=$BACKEND_OK
  fi
  if [ "$main_ok" = 1 ]; then
    # The demo's SLO data and postmortems, pushed through the API as on `scripts/start.sh`.
    run_step seed node examples/seed/seed-demo-data.mjs --url "$E2E_URL"
    playwright_env=(PLAYWRIGHT_URL="$E2E_URL")
    if [ "$restricted_ok" = 1 ]; then
      run_step seed-restricted node examples/seed/seed-demo-data.mjs --url "$E2E_RESTRICTED_URL"
      # playwright.config.ts adds the restricted sign-in project only with this variable.
      playwright_env+=(PLAYWRIGHT_RESTRICTED_URL="$E2E_RESTRICTED_URL")
    else
      log "no restricted backend: the *.restricted.test.ts specs do not run (counted as failed above)"
    fi
    COUNT=tests run_step playwright env "${playwright_env[@]}" \
      PLAYWRIGHT_JSON_OUTPUT_FILE="$LOG_DIR/playwright-results.json" \
      timeout --kill-after=30 "${SRE_PLAYWRIGHT_TIMEOUT:-900}" yarn playwright test
    add_test_results playwright "$LOG_DIR/playwright-results.json" playwright_counts
  else
    skip_step playwright "no backend"
  fi
  stop_backends
fi

summary
[ "$FAILED" -eq 0 ]
