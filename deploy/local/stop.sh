#!/usr/bin/env bash
# Stops the local PostgreSQL cluster and Azurite started by start.sh (idempotent).
# Data (.local/) is kept; remove .local/ after stopping to reset everything.
#   --azurite-only   stop only Azurite
#   --clamd-only     stop only clamd
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

only_azurite=false
[ "${1:-}" = "--azurite-only" ] && only_azurite=true

# ---------------------------------------------------------------- clamd
if [ "${1:-}" != "--azurite-only" ]; then
    if clamd_running; then
        pid="$(cat "$HUMAS_CLAMD_PID")"
        log "stopping clamd (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$HUMAS_CLAMD_PID"
    [ "${1:-}" = "--clamd-only" ] && exit 0
fi

# ---------------------------------------------------------------- Azurite
azurite_pids() {
    # The pid from the pid file, plus any azurite-blob started from this checkout's node_modules.
    local p
    if azurite_running; then cat "$HUMAS_AZURITE_PID"; fi
    for p in /proc/[0-9]*; do
        { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null \
            | grep -qF "$HUMAS_AZURITE_PKG_DIR/node_modules/.bin/azurite-blob" && printf '%s\n' "${p#/proc/}"
    done
    return 0
}
mapfile -t pids < <(azurite_pids | sort -u)
if [ "${#pids[@]}" -gt 0 ]; then
    log "stopping Azurite (pid ${pids[*]})"
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
        alive=()
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
        [ "${#alive[@]}" -eq 0 ] && break
        sleep 0.2
    done
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null; done
fi
rm -f "$HUMAS_AZURITE_PID"
$only_azurite && exit 0

# ---------------------------------------------------------------- PostgreSQL
stopped_pg=false
while read -r base; do
    data="$base/data"
    if pg_running "$data"; then
        bindir="$(find_pg_bindir)" || die "pg_ctl not found"
        log "stopping PostgreSQL ($data)"
        as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
        stopped_pg=true
    fi
done < <(pg_base_candidates)
$stopped_pg || log "PostgreSQL was not running"
log "stopped"
