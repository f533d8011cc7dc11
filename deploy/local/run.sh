#!/usr/bin/env bash
# README command 1: start the backing services and run the HumasSaaS web app with demo data.
#   HUMAS_HTTP_PORT (default 5080) picks the HTTP port. Extra args are passed to the app.
# Runs in the default (Production) environment: --no-launch-profile keeps launchSettings.json
# from switching ASPNETCORE_ENVIRONMENT to Development.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bash "$HUMAS_REPO_ROOT/deploy/local/start.sh"
load_env
command -v dotnet >/dev/null 2>&1 || die "'dotnet' (.NET 10 SDK) is not on PATH"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${HUMAS_HTTP_PORT:-5080}"
printf '\nHumasSaaS will listen on: http://127.0.0.1:%s/\n' "$port"
printf 'Demo sign-in, password for every account below: %s\n' "$HUMAS_DEMO_PASSWORD"
printf '  platform operator: operator@demo.humassaas.id\n'
for slug in minahasa-tenggara minahasa bolaang-mongondow-selatan kotamobagu tomohon \
            kubu-raya labuhanbatu-utara sulsel jatim; do
    printf '  tenant admin:      admin@%s.demo.humassaas.id\n' "$slug"
done
printf '\n'

cd "$HUMAS_REPO_ROOT"
exec dotnet run --project src/HumasSaaS.Api -c Release --no-launch-profile \
    -- --urls "http://127.0.0.1:$port" --seed-demo "$@"
