#!/usr/bin/env bash
# Adds one migration, with the same name, to every provider's migration set.
# Usage: scripts/add-migration.sh <MigrationName>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
dotnet build Coop.Infrastructure -c Debug -v q -nologo >/dev/null
for provider in Sqlite SqlServer Postgres; do
    echo "== $provider"
    dotnet ef migrations add "$name" --no-build \
        --project Coop.Infrastructure --startup-project Coop.Infrastructure \
        --context "${provider}CoopDbContext" \
        --output-dir "Persistence/Migrations/$provider"
done
dotnet build Coop.Infrastructure -c Debug -v q -nologo >/dev/null
echo "Added $name for Sqlite, SqlServer and Postgres. Regenerate deploy/sql with scripts/script-migrations.sh."
