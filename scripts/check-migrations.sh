#!/usr/bin/env bash
# Fails when any provider's migrations lag behind the model (the test suite checks the same thing).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build Coop.Infrastructure -c Debug -v q -nologo >/dev/null
for provider in Sqlite SqlServer Postgres; do
    dotnet ef migrations has-pending-model-changes --no-build \
        --project Coop.Infrastructure --startup-project Coop.Infrastructure \
        --context "${provider}CoopDbContext"
done
