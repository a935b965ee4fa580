#!/usr/bin/env bash
# Study throughput for 1, 2 and 3 `frugal worker` processes on tiny trials, and the run store's own cost per
# trial, against SQLite and a throwaway PostgreSQL on loopback (FRUGAL_TEST_PG, else started here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/frugal" schedule rex --steps 1 >/dev/null   # builds the CLI (Release) once, outside the timings
export FRUGAL_CLI_DLL="$root/src/Frugal.Cli/bin/Release/net10.0/Frugal.Cli.dll"
if [ -z "${FRUGAL_TEST_PG:-}" ]; then
  export FRUGAL_PG_DIR="$(mktemp -d /tmp/frugal-bench-pg.XXXXXX)"
  trap 'scripts/pg-test-server.sh stop 2>/dev/null' EXIT
  eval "$(scripts/pg-test-server.sh start)"
fi
scratch="$(mktemp -d)"
bench() { dotnet run -c Release --project bench/Frugal.Bench -- "$@"; }
bench store-overhead "$scratch/overhead.db" 300
bench store-overhead "$FRUGAL_TEST_PG" 300
bench fleet "$scratch/fleet.db" 1,2,3 60
bench fleet "$FRUGAL_TEST_PG" 1,2,3 60
rm -rf "$scratch"
