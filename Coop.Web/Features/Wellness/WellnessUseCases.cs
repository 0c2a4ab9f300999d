using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Wellness;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Wellness;

/// <summary>The signed-in reviewer's wellness settings: what applies, the organization's defaults, and their own overrides.</summary>
[RequiresSignedInUser]
public sealed record GetMyWellnessQuery;

/// <summary>Saves the signed-in reviewer's overrides (a null value follows the organization's default).</summary>
[RequiresSignedInUser]
public sealed record SaveMyWellnessCommand(WellnessOverrides Overrides);

/// <summary>The organization's wellness defaults (Settings → Wellness).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetOrganizationWellnessQuery;

/// <summary>Saves the organization's wellness defaults; reviewers' overrides stay on top of them.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveOrganizationWellnessCommand(WellnessPreferences Defaults);

public sealed record MyWellnessView(WellnessPreferences Effective, WellnessPreferences OrganizationDefaults, WellnessOverrides Overrides);

internal sealed class WellnessHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetMyWellnessQuery, MyWellnessView>, ICommandHandler<SaveMyWellnessCommand, MyWellnessView>,
      IQueryHandler<GetOrganizationWellnessQuery, WellnessPreferences>, ICommandHandler<SaveOrganizationWellnessCommand, WellnessPreferences>
{
    public async Task<MyWellnessView> HandleAsync(GetMyWellnessQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (organization, user) = await LoadAsync(db, actor.OrganizationId, actor.UserId, tracked: false, cancellationToken);
        return View(organization, user);
    }

    public async Task<MyWellnessView> HandleAsync(SaveMyWellnessCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command.Overrides);
        ThrowIfInvalid(command.Overrides.BlurLevel, command.Overrides.Tone);
        var actor = await currentUser.RequireActorAsync();
        var userId = actor.UserId ?? throw new ForbiddenAccessException("Only a signed-in person has wellness settings.");
        return await SaveAsync(async db =>
        {
            var (organization, user) = await LoadAsync(db, actor.OrganizationId, userId, tracked: true, cancellationToken);
            if (user is null)
            {
                user = WellnessSettings.ForUser(actor.OrganizationId, userId, Now);
                db.WellnessSettings.Add(user);
            }

            user.SetOverrides(command.Overrides, Now);
            return View(organization, user);
        }, cancellationToken);
    }

    public async Task<WellnessPreferences> HandleAsync(GetOrganizationWellnessQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (organization, _) = await LoadAsync(db, actor.OrganizationId, null, tracked: false, cancellationToken);
        return WellnessSettings.Resolve(organization, null);
    }

    public async Task<WellnessPreferences> HandleAsync(SaveOrganizationWellnessCommand command, CancellationToken cancellationToken = default)
    {
        var defaults = command.Defaults ?? throw new ValidationFailedException("Defaults", "Give the organization's wellness defaults.");
        ThrowIfInvalid(defaults.BlurLevel, defaults.Tone);
        var actor = await currentUser.RequireActorAsync();
        return await SaveAsync(async db =>
        {
            var (organization, _) = await LoadAsync(db, actor.OrganizationId, null, tracked: true, cancellationToken);
            if (organization is null)
            {
                organization = WellnessSettings.ForOrganization(actor.OrganizationId, Now);
                db.WellnessSettings.Add(organization);
            }

            organization.SetDefaults(defaults, Now);
            db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "wellness.updated", "organization", actor.OrganizationId,
                $"Wellness defaults: blur level {defaults.BlurLevel}, tone {defaults.Tone}, show on hover {defaults.UnblurOnHover}, videos muted {defaults.MuteVideos}.",
                Now));
            return organization.AsDefaults();
        }, cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static void ThrowIfInvalid(int? blurLevel, MediaTone? tone)
    {
        var errors = WellnessPreferences.Errors(blurLevel, tone);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static MyWellnessView View(WellnessSettings? organization, WellnessSettings? user) => new(
        WellnessSettings.Resolve(organization, user), WellnessSettings.Resolve(organization, null), user?.AsOverrides() ?? WellnessOverrides.None);

    private static async Task<(WellnessSettings? Organization, WellnessSettings? User)> LoadAsync(
        CoopDbContext db, string organizationId, string? userId, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.WellnessSettings : db.WellnessSettings.AsNoTracking();
        var rows = await query.Where(s => s.OrganizationId == organizationId && (s.UserId == string.Empty || s.UserId == userId)).ToListAsync(cancellationToken);
        return (rows.SingleOrDefault(r => r.IsOrganizationDefault), userId is null ? null : rows.SingleOrDefault(r => r.UserId == userId));
    }

    /// <summary>Runs a change and saves it; when two saves race to create the same row, the loser runs again against the winner's row.</summary>
    private async Task<T> SaveAsync<T>(Func<CoopDbContext, Task<T>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var result = await change(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another save created the row first: load it and apply the change to it.
            }
        }
    }
}
