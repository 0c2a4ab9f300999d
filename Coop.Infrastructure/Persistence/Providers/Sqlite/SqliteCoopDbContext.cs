using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence.Providers.Sqlite;

/// <summary>The SQLite flavour of <see cref="CoopDbContext"/>; owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteCoopDbContext(DbContextOptions<SqliteCoopDbContext> options) : CoopDbContext(options);
