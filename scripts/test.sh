#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test project, and ends with
# one summary line "N passed, N failed, N skipped". Pass a filter to run a subset, e.g.
#   scripts/test.sh --filter "Category!=Slow"
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh || exit 1
dotnet build Skiff.sln -c Release -warnaserror 2>&1 | tail -n 20
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "build failed"; exit 1; }

log=$(mktemp)
dotnet test Skiff.sln -c Release --no-build --blame-hang --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ]; then exit 1; fi
exit 0
