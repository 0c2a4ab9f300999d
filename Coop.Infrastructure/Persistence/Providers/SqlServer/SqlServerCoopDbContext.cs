using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence.Providers.SqlServer;

/// <summary>The SQL Server flavour of <see cref="CoopDbContext"/>; owns <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerCoopDbContext(DbContextOptions<SqlServerCoopDbContext> options) : CoopDbContext(options);
