using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Persistence;

/// <summary>Serves <see cref="IDbContextFactory{CoopDbContext}"/> from the configured provider's factory.</summary>
internal sealed class CoopDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CoopDbContext>
    where TContext : CoopDbContext
{
    public CoopDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<CoopDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
