#!/usr/bin/env bash
# Installs what the tests need when missing (Debian chromium, postgresql, redis-server), starts a
# throwaway PostgreSQL and Redis on loopback, builds, runs every test, and ends with one line:
#   N passed, N failed, N skipped
# Exits non-zero when anything failed. Usage: ./test.sh [extra dotnet test arguments]
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} with apt..."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
        echo "apt-get install ${missing[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# Optional tools that check deploy/ (Coop.Tests/Unit/Deploy/DeployFilesTests.cs skips, with the reason, what is missing).
if [ ! -x /usr/sbin/nginx ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 \
        || echo "nginx-light not installed: the nginx checks will be skipped"
fi
if command -v npm >/dev/null 2>&1 && [ ! -d deploy/validate/node_modules ]; then
    (cd deploy/validate && npm ci --no-audit --no-fund >/dev/null 2>&1) \
        || echo "npm ci in deploy/validate failed: the compose and Dockerfile checks will be skipped"
fi

services=$(mktemp -d /tmp/coop-test-services.XXXXXX)
chmod 755 "$services"
pg_port=${COOP_TEST_PG_PORT:-55432}
redis_port=${COOP_TEST_REDIS_PORT:-56379}
pg_data="$services/pg"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
    run_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$services"
}
trap cleanup EXIT

echo "Starting PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port..."
mkdir -p "$pg_data"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_data"
run_pg "$(pg_bin)/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$services/initdb.log" 2>&1 \
    || { cat "$services/initdb.log"; echo "0 passed, 1 failed"; exit 1; }
run_pg "$(pg_bin)/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_data/server.log"; echo "0 passed, 1 failed"; exit 1; }
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes \
    --logfile "$services/redis.log" --dir "$services" >/dev/null

export COOP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export COOP_TEST_REDIS="127.0.0.1:$redis_port"
export COOP_TEST_CHROMIUM=${COOP_TEST_CHROMIUM:-/usr/bin/chromium}
export COOP_TEST_ARTIFACTS=${COOP_TEST_ARTIFACTS:-$root/.test-results/artifacts}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$root/.test-results"
rm -rf "$results"; mkdir -p "$results" "$COOP_TEST_ARTIFACTS"

echo "Building..."
if ! dotnet build Coop.sln -nologo -v q -clp:ErrorsOnly > "$results/build.log" 2>&1; then
    cat "$results/build.log"
    echo "0 passed, 1 failed"
    exit 1
fi

echo "Testing..."
dotnet test --no-build --results-directory "$results" \
    --report-xunit-ctrf --report-xunit-ctrf-filename results.json "$@" 2>&1 | tee "$results/test.log" \
    | grep -E --line-buffered '^\s*(failed|skipped) |Test run summary|^\s+(total|failed|succeeded|skipped):|error' || true
status=${PIPESTATUS[0]}

# What each failed test said (the first lines of its message and stack), for logs that keep only the tail.
awk '/^failed / { shown++; lines = 0; printing = (shown <= 8) }
     printing && /^[^ \t]/ && !/^failed / { printing = 0 }
     printing && lines < 40 { print; lines++ }' "$results/test.log"

report="$results/results.json"
if [ ! -f "$report" ]; then
    tail -n 60 "$results/test.log"
    echo "0 passed, 1 failed"
    exit 1
fi
# The slowest tests, to keep the suite's time in check.
echo "Slowest tests (ms):"
grep -o '"name":"[^"]*","status":"[^"]*","duration":[0-9]*' "$report" \
    | sed -E 's/^"name":"([^"]*)","status":"[^"]*","duration":([0-9]*)$/\2 \1/' | sort -rn | head -n 12 | sed 's/^/  /'
summary=$(grep -o '"summary":{[^}]*}' "$report" | head -n 1)
count() { echo "$summary" | grep -o "\"$1\":[0-9]*" | head -n 1 | cut -d: -f2; }
passed=$(count passed); failed=$(count failed); skipped=$(count skipped)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status (see .test-results/test.log)"
    failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
