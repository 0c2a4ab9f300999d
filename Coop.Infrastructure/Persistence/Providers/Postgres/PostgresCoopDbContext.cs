using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence.Providers.Postgres;

/// <summary>The PostgreSQL flavour of <see cref="CoopDbContext"/>; owns <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresCoopDbContext(DbContextOptions<PostgresCoopDbContext> options) : CoopDbContext(options);
