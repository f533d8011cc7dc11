#!/usr/bin/env bash
# README command 2: start the backing services and run every test in HumasSaaS.sln.
# Extra args are passed to `dotnet test`. The last line printed is always
#   tests: N passed, N failed
# Exits non-zero when dotnet test fails, any test fails, or no test ran; a run that did not finish never reports
# "0 failed".
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! bash "$HUMAS_REPO_ROOT/deploy/local/start.sh"; then
    log "ERROR: deploy/local/start.sh failed"
    echo "tests: 0 passed, 1 failed"
    exit 1
fi
load_env
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

cd "$HUMAS_REPO_ROOT"
rm -rf TestResults
rc=0
if command -v dotnet >/dev/null 2>&1; then
    dotnet test HumasSaaS.sln -c Release --logger "trx" --results-directory TestResults "$@" </dev/null || rc=$?
else
    log "ERROR: 'dotnet' (.NET 10 SDK) is not on PATH"; rc=127
fi

# Sum the <Counters .../> element of every TRX file.
attr() {  # attr NAME "<Counters ...>"  -> number (0 when absent)
    local v
    v="$(printf '%s' "$2" | sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p")"
    printf '%s' "${v:-0}"
}
total=0 executed=0 passed=0 failed=0 files=0
while IFS= read -r -d '' trx; do
    counters="$(tr '\r\n\t' '   ' < "$trx" | grep -o '<Counters[^>]*>' | head -n 1)"
    [ -n "$counters" ] || continue
    files=$((files + 1))
    t="$(attr total "$counters")"
    if printf '%s' "$counters" | grep -q '[[:space:]]executed="'; then e="$(attr executed "$counters")"; else e="$t"; fi
    total=$((total + t))
    executed=$((executed + e))
    passed=$((passed + $(attr passed "$counters")))
    failed=$((failed + $(attr failed "$counters") + $(attr error "$counters") \
                     + $(attr timeout "$counters") + $(attr aborted "$counters")))
done < <(find TestResults -type f -name '*.trx' -print0 2>/dev/null)

status=0
if [ "$rc" -ne 0 ]; then
    log "dotnet test exited with code $rc"; status=1
    # A run that aborted (test host crash, build error) did not pass the tests it never ran: count them as failed,
    # and the whole run as at least one failure, so the summary never reads "0 failed" for a red run.
    if [ "$total" -gt "$executed" ]; then
        log "$((total - executed)) listed test(s) never ran"
        failed=$((failed + total - executed))
    fi
    if [ "$failed" -eq 0 ]; then failed=1; log "no test failed, but the run did not finish: counted as 1 failure"; fi
fi
if [ "$failed" -gt 0 ]; then log "$failed test(s) failed"; status=1; fi
if [ "$executed" -eq 0 ]; then log "no tests ran ($files TRX file(s), $total test(s) listed)"; status=1; fi
echo "tests: $passed passed, $failed failed"
exit "$status"
