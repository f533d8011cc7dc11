#!/usr/bin/env bash
# Local cluster without Docker: N API instances behind haproxy on one port.
#   bash deploy/local/cluster.sh up N      # start N instances (default 3) + haproxy; waits until /health/ready
#   bash deploy/local/cluster.sh down      # SIGTERM every instance (drains in-flight requests), stop haproxy
#   bash deploy/local/cluster.sh restart I # SIGTERM instance I, start it again, wait until ready (rolling restart step)
#   bash deploy/local/cluster.sh kill I    # SIGKILL instance I (fault injection)
#   bash deploy/local/cluster.sh status
# Each instance i (1..N) gets HTTP port BASE+i, Orleans silo port SILO_BASE+i and gateway port GATEWAY_BASE+i
# (Orleans__SiloPort / Orleans__GatewayPort), and all share one Orleans__ClusterId, so once the app hosts Orleans
# they form one cluster (ADO.NET clustering on the same PostgreSQL).
# Settings (environment):
#   HUMAS_CLUSTER_PORT (5090)          haproxy's port          HUMAS_CLUSTER_HTTP_BASE (5100)  instance i: BASE+i
#   HUMAS_CLUSTER_SILO_BASE (11110)    silo port i: BASE+i     HUMAS_CLUSTER_GATEWAY_BASE (30010)
#   HUMAS_CLUSTER_DIR (.local/cluster) pid files, logs, haproxy.cfg
#   HUMAS_CLUSTER_OWN_SERVICES=1       use ConnectionStrings__* / Blob__* from the environment instead of starting
#                                      the local services and loading .local/env (the fault tests bring their own)
#   HUMAS_CLUSTER_SEED_DEMO=1          instance 1 seeds the demo tenants (Demo__Password from the environment)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cmd="${1:-}"
count="${2:-3}"
lb_port="${HUMAS_CLUSTER_PORT:-5090}"
http_base="${HUMAS_CLUSTER_HTTP_BASE:-5100}"
silo_base="${HUMAS_CLUSTER_SILO_BASE:-11110}"
gateway_base="${HUMAS_CLUSTER_GATEWAY_BASE:-30010}"
dir="${HUMAS_CLUSTER_DIR:-$HUMAS_LOCAL_DIR/cluster}"
dll="$HUMAS_REPO_ROOT/src/HumasSaaS.Api/bin/Release/net10.0/HumasSaaS.Api.dll"

ensure_haproxy() {
    command -v haproxy >/dev/null 2>&1 && return 0
    log "installing haproxy"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null \
        || { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null; } \
        || die "could not install haproxy"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_ready() {  # wait_ready URL SECONDS
    local i
    for ((i = 0; i < $2 * 4; i++)); do
        [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" || true)" = 200 ] && return 0
        sleep 0.25
    done
    return 1
}

start_instance() {  # start_instance I [extra args]
    local i="$1"; shift
    local port=$((http_base + i))
    alive "$dir/api-$i.pid" && return 0
    (
        export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
        export Orleans__ClusterId="${Orleans__ClusterId:-humassaas-local-$HUMAS_PATH_HASH}"
        export Orleans__ServiceId="${Orleans__ServiceId:-humassaas}"
        export Orleans__SiloPort=$((silo_base + i)) Orleans__GatewayPort=$((gateway_base + i))
        export Orleans__AdvertisedIP=127.0.0.1
        export HUMAS_INSTANCE="api-$i"
        exec 9>&- dotnet "$dll" --urls "http://127.0.0.1:$port" "$@" >>"$dir/api-$i.log" 2>&1 </dev/null
    ) &
    echo $! > "$dir/api-$i.pid"
}

write_haproxy_cfg() {
    local body='{"type":"https://www.rfc-editor.org/rfc/rfc9110#status.503","title":"Layanan sedang tidak tersedia","status":503,"detail":"Layanan sedang tidak dapat melayani permintaan. Silakan coba lagi dalam beberapa detik."}'
    printf 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 5\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s' \
        "${#body}" "$body" > "$dir/503.http"
    {
        cat <<CFG
global
    maxconn 4096
    pidfile $dir/haproxy.pid
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    # A request that could not reach an instance (refused, reset before an answer) goes to another one.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response
frontend http
    bind 127.0.0.1:$lb_port
    option forwardfor
    default_backend api
    # With no instance ready (database outage), answer like the app does: 503 problem details with Retry-After.
    errorfile 503 $dir/503.http
backend api
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 1
CFG
        for ((i = 1; i <= count; i++)); do
            printf '    server api-%d 127.0.0.1:%d check\n' "$i" $((http_base + i))
        done
    } > "$dir/haproxy.cfg"
}

up() {
    [[ "$count" =~ ^[1-9][0-9]*$ ]] || die "usage: cluster.sh up N"
    ensure_haproxy
    if [ "${HUMAS_CLUSTER_OWN_SERVICES:-0}" != 1 ]; then
        bash "$HUMAS_REPO_ROOT/deploy/local/start.sh"
        load_env
    fi
    mkdir -p "$dir"
    if [ ! -f "$dll" ] || [ "${HUMAS_CLUSTER_BUILD:-0}" = 1 ]; then
        log "building src/HumasSaaS.Api (Release)"
        (cd "$HUMAS_REPO_ROOT" && dotnet build src/HumasSaaS.Api -c Release -v q -nologo >/dev/null) || die "build failed"
    fi
    # Instance 1 applies the migrations (and seeds) alone first; the others then start side by side.
    if [ "${HUMAS_CLUSTER_SEED_DEMO:-0}" = 1 ]; then start_instance 1 --seed-demo; else start_instance 1; fi
    wait_ready "http://127.0.0.1:$((http_base + 1))/health/ready" 120 || die "api-1 not ready; see $dir/api-1.log"
    for ((i = 2; i <= count; i++)); do start_instance "$i"; done
    for ((i = 2; i <= count; i++)); do
        wait_ready "http://127.0.0.1:$((http_base + i))/health/ready" 120 || die "api-$i not ready; see $dir/api-$i.log"
    done
    write_haproxy_cfg
    if alive "$dir/haproxy.pid"; then
        haproxy -f "$dir/haproxy.cfg" -D -sf "$(cat "$dir/haproxy.pid")"
    else
        haproxy -f "$dir/haproxy.cfg" -D
    fi
    wait_ready "http://127.0.0.1:$lb_port/health/ready" 30 || die "haproxy on $lb_port not ready"
    log "cluster up: $count instance(s) behind http://127.0.0.1:$lb_port/ (instances on $((http_base + 1))..$((http_base + count)))"
}

down() {
    local f pid
    [ -d "$dir" ] || return 0
    for f in "$dir"/api-*.pid; do
        [ -f "$f" ] || continue
        alive "$f" && kill -TERM "$(cat "$f")" 2>/dev/null || true
    done
    for f in "$dir"/api-*.pid; do
        [ -f "$f" ] || continue
        pid="$(cat "$f")"
        for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$f"
    done
    if alive "$dir/haproxy.pid"; then kill -TERM "$(cat "$dir/haproxy.pid")" 2>/dev/null || true; fi
    rm -f "$dir/haproxy.pid"
    log "cluster down"
}

# Rolling restart step: SIGTERM one instance (it stops accepting, finishes in-flight requests, exits), start it
# again and wait until it is ready. haproxy retries requests refused meanwhile on the other instances.
restart() {
    local i="$count" pid
    [[ "$i" =~ ^[1-9][0-9]*$ ]] && [ -f "$dir/api-$i.pid" ] || die "usage: cluster.sh restart I (a running instance)"
    pid="$(cat "$dir/api-$i.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for ((n = 0; n < 240; n++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && die "api-$i did not exit within 60 s of SIGTERM"
    rm -f "$dir/api-$i.pid"
    start_instance "$i"
    wait_ready "http://127.0.0.1:$((http_base + i))/health/ready" 120 || die "api-$i not ready after restart; see $dir/api-$i.log"
    log "api-$i restarted"
}

# Fault injection: SIGKILL one instance (no drain), as a crashed silo.
kill_instance() {
    local i="$count"
    [ -f "$dir/api-$i.pid" ] || die "usage: cluster.sh kill I"
    kill -KILL "$(cat "$dir/api-$i.pid")" 2>/dev/null || true
    rm -f "$dir/api-$i.pid"
}

status() {
    local f
    for f in "$dir"/api-*.pid "$dir/haproxy.pid"; do
        [ -f "$f" ] || continue
        if alive "$f"; then echo "$(basename "$f" .pid) running (pid $(cat "$f"))"; else echo "$(basename "$f" .pid) stopped"; fi
    done
}

case "$cmd" in
    up) up ;;
    down) down ;;
    restart) restart ;;
    kill) kill_instance ;;
    status) status ;;
    *) echo "usage: cluster.sh up N | down | restart I | kill I | status" >&2; exit 2 ;;
esac
