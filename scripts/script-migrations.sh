#!/usr/bin/env bash
# Writes idempotent SQL scripts for the server providers into deploy/sql/, for DBAs who apply
# schema changes themselves instead of running `Coop.Web migrate`.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build Coop.Infrastructure -c Debug -v q -nologo >/dev/null
mkdir -p deploy/sql/sqlserver deploy/sql/postgres
dotnet ef migrations script --idempotent --no-build --project Coop.Infrastructure --startup-project Coop.Infrastructure \
    --context SqlServerCoopDbContext --output deploy/sql/sqlserver/coop.sql
dotnet ef migrations script --idempotent --no-build --project Coop.Infrastructure --startup-project Coop.Infrastructure \
    --context PostgresCoopDbContext --output deploy/sql/postgres/coop.sql
echo "Wrote deploy/sql/sqlserver/coop.sql and deploy/sql/postgres/coop.sql"
