using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Settings;

/// <summary>Whether the organization takes appeals, and the "undo" action run when an appeal against an action is accepted.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetAppealSettingsQuery;

/// <summary>Saves the appeal settings. Each undo pair names an appealed action and the action that reverses it.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveAppealSettingsCommand(bool Enabled, IReadOnlyList<AppealUndoPair> UndoActions);

public sealed record AppealUndoPair(string? AppealedActionId, string? UndoActionId);

public sealed record AppealSettingsView(bool Enabled, IReadOnlyList<AppealUndoPair> UndoActions, bool HasAppealCallback);

internal sealed class AppealSettingsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetAppealSettingsQuery, AppealSettingsView>, ICommandHandler<SaveAppealSettingsCommand, AppealSettingsView>
{
    public async Task<AppealSettingsView> HandleAsync(GetAppealSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        return View(settings);
    }

    public async Task<AppealSettingsView> HandleAsync(SaveAppealSettingsCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pairs = command.UndoActions ?? [];
        var ids = pairs.SelectMany(p => new[] { p.AppealedActionId, p.UndoActionId }).OfType<string>().Distinct().ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId && ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (appealed, undo) = (pairs[i].AppealedActionId, pairs[i].UndoActionId);
            var problem = string.IsNullOrWhiteSpace(appealed) ? "Choose the appealed action."
                : string.IsNullOrWhiteSpace(undo) ? "Choose the action that undoes it."
                : !actions.ContainsKey(appealed) ? $"There is no action with the id '{appealed}'."
                : !actions.TryGetValue(undo, out var undoAction) ? $"There is no action with the id '{undo}'."
                : appealed == undo ? "An action cannot undo itself."
                : pairs.Take(i).Any(p => p.AppealedActionId == appealed) ? $"'{actions[appealed].Name}' already has an undo action above."
                : undoAction.Parameters.FirstOrDefault(p => p.Required && p.DefaultValue is null) is { } needed
                    ? $"'{undoAction.Name}' needs a value for '{needed.DisplayName}', which an appeal cannot give: give the parameter a default or choose another action."
                : null;
            if (problem is not null)
            {
                errors[$"undo/{i}"] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var settings = await db.ReviewSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        if (settings is null)
        {
            settings = ReviewSettings.DefaultsFor(actor.OrganizationId);
            db.ReviewSettings.Add(settings);
        }

        settings.SetAppeals(command.Enabled, pairs.ToDictionary(p => p.AppealedActionId!, p => p.UndoActionId!, StringComparer.Ordinal));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "appeal-settings.updated", "organization", actor.OrganizationId,
            $"appeals {(command.Enabled ? "on" : "off")}; undo actions: "
            + (pairs.Count == 0 ? "none" : string.Join(", ", pairs.Select(p => $"{actions[p.AppealedActionId!].Name} → {actions[p.UndoActionId!].Name}"))),
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return View(settings);
    }

    private static AppealSettingsView View(ReviewSettings settings) => new(
        settings.AppealsEnabled, [.. settings.AppealUndoActions.Select(p => new AppealUndoPair(p.Key, p.Value))], settings.AppealCallbackUrl is not null);
}
