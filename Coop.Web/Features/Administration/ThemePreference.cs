using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>The signed-in user's theme: "light", "dark" or null (follow the system).</summary>
[RequiresSignedInUser]
public sealed record GetThemePreferenceQuery;

/// <summary>Saves the signed-in user's theme.</summary>
[RequiresSignedInUser]
public sealed record SetThemePreferenceCommand(string? Theme);

internal sealed class ThemePreferenceHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetThemePreferenceQuery, string?>, ICommandHandler<SetThemePreferenceCommand, string?>
{
    public async Task<string?> HandleAsync(GetThemePreferenceQuery query, CancellationToken cancellationToken = default)
    {
        var userId = (await currentUser.RequireActorAsync()).UserId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.ThemePreference).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> HandleAsync(SetThemePreferenceCommand command, CancellationToken cancellationToken = default)
    {
        var theme = command.Theme is "light" or "dark" ? command.Theme : null;
        var userId = (await currentUser.RequireActorAsync()).UserId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ThemePreference, theme), cancellationToken);
        return theme;
    }
}
