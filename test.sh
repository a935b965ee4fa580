#!/usr/bin/env bash
# Builds everything and runs every test project; the last line is `tests: N passed, M failed`.
# The PostgreSQL store's tests get a throwaway server on loopback (installed when missing, as root) unless
# FRUGAL_TEST_PG already names one.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. "$root/scripts/ensure-packages.sh"
frugal_ensure_packages
log="$(mktemp)"
pg_started=""
cleanup() {
  rm -f "$log"
  # Quiet, so the summary stays the last line.
  [ -n "$pg_started" ] && scripts/pg-test-server.sh stop >/dev/null 2>&1
  return 0
}
trap cleanup EXIT
if [ -z "${FRUGAL_TEST_PG:-}" ]; then
  export FRUGAL_PG_DIR="${FRUGAL_PG_DIR:-$(mktemp -d /tmp/frugal-test-pg.XXXXXX)}"
  if env_lines="$(scripts/pg-test-server.sh start)"; then
    eval "$env_lines"
    pg_started=1
  else
    # The PostgreSQL tests then say the server is missing: skipped outside CI, failed under CI=true.
    echo "test.sh: could not start a test PostgreSQL server" >&2
  fi
fi

dotnet test Frugal.slnx -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test project: "Passed!  - Failed: 0, Passed: 42, Skipped: 0, Total: 42, ..."
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
projects=$(grep -cE '^(Passed|Failed)! ' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited $status with no failing test counted (build error?)" >&2
  failed=1
fi
if [ "$projects" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "test.sh: no test project reported a result" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
