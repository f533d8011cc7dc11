#!/usr/bin/env bash
# Installs what the local stack needs and is missing (Debian/apt):
#   PostgreSQL server (initdb/pg_ctl), chromium (+ fonts-liberation), node/npm, curl, openssl, clamd (clamav-daemon).
# Checks that the .NET SDK (dotnet) is on PATH. A fast no-op when everything is present.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

missing=()
find_pg_bindir >/dev/null 2>&1                      || missing+=(postgresql)
command -v chromium >/dev/null 2>&1                 || missing+=(chromium)
dpkg -s fonts-liberation >/dev/null 2>&1            || missing+=(fonts-liberation)
command -v node >/dev/null 2>&1                     || missing+=(nodejs)
command -v npm >/dev/null 2>&1                      || missing+=(npm)
command -v curl >/dev/null 2>&1                     || missing+=(curl)
command -v openssl >/dev/null 2>&1                  || missing+=(openssl)
command -v flock >/dev/null 2>&1                    || missing+=(util-linux)
find_clamd >/dev/null 2>&1                          || missing+=(clamav-daemon)
command -v sha256sum >/dev/null 2>&1                || missing+=(coreutils)

if [ "${#missing[@]}" -gt 0 ]; then
    # de-duplicate
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
    log "installing missing packages: ${missing[*]}"
    if ! command -v apt-get >/dev/null 2>&1; then
        die "apt-get not found; please install: ${missing[*]}"
    fi
    if ! is_root && ! command -v sudo >/dev/null 2>&1; then
        die "not root and no sudo; please install (as root): apt-get install -y ${missing[*]}"
    fi
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" </dev/null \
        || die "apt-get install failed for: ${missing[*]}"
    find_pg_bindir >/dev/null 2>&1 || die "PostgreSQL server binaries (initdb) still not found"
fi

if is_root && ! getent passwd postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' system user (install the Debian postgresql package)"
fi

if ! command -v dotnet >/dev/null 2>&1; then
    cat >&2 <<'EOF'
[local] WARNING: 'dotnet' (the .NET 10 SDK) is not on PATH.
[local]          PostgreSQL and Azurite can still be started, but run.sh/test.sh need it.
[local]          Install the .NET 10 SDK and make sure 'dotnet' is on PATH.
EOF
fi
exit 0
