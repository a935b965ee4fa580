#!/usr/bin/env bash
# Study throughput with 1 worker (all cores) against 2 workers (cores split), on the smoke preset,
# each from an empty store. Prints trials/hour for both and the ratio workers=2 / workers=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$root/frugal" schedule rex --steps 1 >/dev/null   # build once, outside the timings

declare -A seconds trials
for workers in 1 2; do
  start=$(date +%s%N)
  summary=$("$root/frugal" study rex --preset smoke --out "$scratch/w$workers" --workers "$workers" 2>/dev/null | tail -2 | tr '\n' ' ')
  end=$(date +%s%N)
  seconds[$workers]=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  trials[$workers]=$(echo "$summary" | grep -oE '[0-9]+ trials reported' | grep -oE '^[0-9]+')
done
for workers in 1 2; do
  awk -v w="$workers" -v n="${trials[$workers]}" -v s="${seconds[$workers]}" \
    'BEGIN { printf "workers=%d: %d trials in %.1f s = %.0f trials/hour\n", w, n, s, n * 3600 / s }'
done
awk -v a="${seconds[1]}" -v b="${seconds[2]}" 'BEGIN { printf "throughput ratio workers=2 / workers=1: %.2f\n", a / b }'
