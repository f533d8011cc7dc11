# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Sourced, never executed.
# Computes paths only; creates nothing by itself.

HUMAS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
HUMAS_LOCAL_DIR="$HUMAS_REPO_ROOT/.local"
HUMAS_ENV_FILE="$HUMAS_LOCAL_DIR/env"
HUMAS_AZURITE_PKG_DIR="$HUMAS_REPO_ROOT/deploy/local/azurite"
HUMAS_AZURITE_DATA="$HUMAS_LOCAL_DIR/azurite"
HUMAS_AZURITE_PID="$HUMAS_LOCAL_DIR/azurite.pid"
HUMAS_AZURITE_LOG="$HUMAS_LOCAL_DIR/azurite.log"
HUMAS_CLAMD_DIR="$HUMAS_LOCAL_DIR/clamd"
HUMAS_CLAMD_PID="$HUMAS_CLAMD_DIR/clamd.pid"
HUMAS_PATH_HASH="$(printf '%s' "$HUMAS_REPO_ROOT" | sha256sum | cut -c1-12)"
# Used when the postgres system user cannot reach $HUMAS_LOCAL_DIR (root only).
HUMAS_PG_FALLBACK_BASE="/var/tmp/humassaas-$HUMAS_PATH_HASH/pg"

log()  { printf '[local] %s\n' "$*" >&2; }
die()  { printf '[local] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command with root privileges (directly, or via sudo when available).
as_root() {
    if is_root; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@" 2>/dev/null || sudo "$@"
    else return 127
    fi
}

# Directory holding initdb/pg_ctl/postgres (newest installed major wins).
find_pg_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then printf '%s\n' "$d"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"; return 0
    fi
    return 1
}

# Run a command as the user that owns/runs the PostgreSQL cluster.
as_pg() {
    # cd / first: the caller's cwd may not be readable by postgres (all paths are absolute).
    if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Load .local/env into the environment (exported).
load_env() {
    [ -f "$HUMAS_ENV_FILE" ] || die "$HUMAS_ENV_FILE missing; run deploy/local/start.sh"
    set -a
    # shellcheck disable=SC1090
    . "$HUMAS_ENV_FILE"
    set +a
}

# Candidate PostgreSQL base dirs (data/, run/, log/ live below), preferred first.
pg_base_candidates() {
    printf '%s\n' "$HUMAS_LOCAL_DIR/pg" "$HUMAS_PG_FALLBACK_BASE"
}

# Unix socket dir for a base dir: <base>/run unless the socket path would be too long.
pg_socket_dir_for() {
    local base="$1" port="${2:-55432}" dir="$1/run"
    if [ $(( ${#dir} + ${#port} + 12 )) -gt 100 ]; then
        dir="/tmp/humassaas-$HUMAS_PATH_HASH-pg"
    fi
    printf '%s\n' "$dir"
}

# Is there a live postmaster for this data dir? (pid from postmaster.pid must be a postgres process)
pg_running() {
    local data="$1" pid
    [ -f "$data/postmaster.pid" ] || return 1
    pid="$(head -n 1 "$data/postmaster.pid" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]
}

azurite_running() {
    local pid
    [ -f "$HUMAS_AZURITE_PID" ] || return 1
    pid="$(cat "$HUMAS_AZURITE_PID" 2>/dev/null)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q azurite
}

# Prints the HTTP status code Azurite answers with (000 when nothing answers).
azurite_http_code() {
    curl -s -o /dev/null -m 3 -w '%{http_code}' \
        "http://127.0.0.1:$1/${2:-humasdev}?comp=list" 2>/dev/null || true
}

# clamd binary (Debian's clamav-daemon installs it in /usr/sbin, which is not on every user's PATH).
find_clamd() {
    local c
    for c in "$(command -v clamd 2>/dev/null)" /usr/sbin/clamd; do
        [ -n "$c" ] && [ -x "$c" ] && { printf '%s\n' "$c"; return 0; }
    done
    return 1
}

clamd_running() {
    local pid
    [ -f "$HUMAS_CLAMD_PID" ] || return 1
    pid="$(cat "$HUMAS_CLAMD_PID" 2>/dev/null)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = clamd ]
}

# Prints clamd's answer to PING on 127.0.0.1:PORT ("PONG" when up, empty otherwise).
clamd_ping() {
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "zPING\0" >&3 && IFS= read -r -d "" reply <&3 && printf "%s" "$reply"' \
        _ "$1" 2>/dev/null || true
}
