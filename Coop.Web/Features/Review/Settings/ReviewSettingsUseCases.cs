using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Settings;

/// <summary>The organization's review console settings: decision rules, decision callbacks and the strike window.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetReviewSettingsQuery;

/// <summary>
/// Saves the review console settings. A header with a null value keeps its saved value. Field keys of errors:
/// <c>IgnoreCallbackUrl</c>, <c>AppealCallbackUrl</c>, <c>AppealHeaders</c>, <c>StrikeTtlDays</c>.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveReviewSettingsCommand(
    bool RequirePolicyForDecisions,
    bool RequireReasonOnAction,
    bool RequireReasonOnIgnore,
    bool AllowMultiplePoliciesPerAction,
    bool HideSkipForNonAdmins,
    string? IgnoreCallbackUrl,
    string? AppealCallbackUrl,
    IReadOnlyList<ActionHeaderInput> AppealHeaders,
    int StrikeTtlDays);

/// <summary>The settings as the form shows them; header values are never part of it.</summary>
public sealed record ReviewSettingsView(
    bool RequirePolicyForDecisions,
    bool RequireReasonOnAction,
    bool RequireReasonOnIgnore,
    bool AllowMultiplePoliciesPerAction,
    bool HideSkipForNonAdmins,
    string? IgnoreCallbackUrl,
    string? AppealCallbackUrl,
    IReadOnlyList<string> AppealHeaderNames,
    int StrikeTtlDays);

internal sealed class ReviewSettingsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetReviewSettingsQuery, ReviewSettingsView>, ICommandHandler<SaveReviewSettingsCommand, ReviewSettingsView>
{
    public async Task<ReviewSettingsView> HandleAsync(GetReviewSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        var ttl = await db.Organizations.Where(o => o.Id == actor.OrganizationId).Select(o => o.StrikeTtlDays).SingleAsync(cancellationToken);
        return View(settings, ttl);
    }

    public async Task<ReviewSettingsView> HandleAsync(SaveReviewSettingsCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ReviewSettings.SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(command.IgnoreCallbackUrl) && ActionValidation.CallbackUrlError(command.IgnoreCallbackUrl) is { } ignoreError)
        {
            errors[nameof(command.IgnoreCallbackUrl)] = [ignoreError];
        }

        if (!string.IsNullOrWhiteSpace(command.AppealCallbackUrl) && ActionValidation.CallbackUrlError(command.AppealCallbackUrl) is { } appealError)
        {
            errors[nameof(command.AppealCallbackUrl)] = [appealError];
        }

        var headerErrors = ActionValidation.HeaderErrors(command.AppealHeaders, settings?.AppealHeaders.Select(h => h.Name).ToList() ?? []).ToArray();
        if (headerErrors.Length > 0)
        {
            errors[nameof(command.AppealHeaders)] = headerErrors;
        }

        if (command.StrikeTtlDays is < 1 or > StrikeRules.MaxTtlDays)
        {
            errors[nameof(command.StrikeTtlDays)] = [$"Choose between 1 and {StrikeRules.MaxTtlDays} days."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        if (settings is null)
        {
            settings = ReviewSettings.DefaultsFor(actor.OrganizationId);
            db.ReviewSettings.Add(settings);
        }

        settings.SetDecisionRules(command.RequirePolicyForDecisions, command.RequireReasonOnAction, command.RequireReasonOnIgnore,
            command.AllowMultiplePoliciesPerAction, command.HideSkipForNonAdmins);
        settings.SetCallbacks(command.IgnoreCallbackUrl, command.AppealCallbackUrl, command.AppealHeaders);
        var organization = await db.Organizations.SingleAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        organization.SetStrikeTtl(command.StrikeTtlDays);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "review-settings.updated", "organization", actor.OrganizationId,
            $"policy required {command.RequirePolicyForDecisions}, reason on action {command.RequireReasonOnAction}, reason on ignore {command.RequireReasonOnIgnore}, "
            + $"several policies {command.AllowMultiplePoliciesPerAction}, skip hidden {command.HideSkipForNonAdmins}, strike window {command.StrikeTtlDays} d, "
            + $"ignore callback {(settings.IgnoreCallbackUrl is null ? "off" : "on")}, appeal callback {(settings.AppealCallbackUrl is null ? "off" : "on")}",
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return View(settings, organization.StrikeTtlDays);
    }

    private static ReviewSettingsView View(ReviewSettings s, int ttl) => new(
        s.RequirePolicyForDecisions, s.RequireReasonOnAction, s.RequireReasonOnIgnore, s.AllowMultiplePoliciesPerAction, s.HideSkipForNonAdmins,
        s.IgnoreCallbackUrl, s.AppealCallbackUrl, [.. s.AppealHeaders.Select(h => h.Name)], ttl);
}
