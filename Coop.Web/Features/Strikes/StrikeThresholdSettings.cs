using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Strikes;

/// <summary>The organization's strike window and thresholds (Settings → Strikes), lowest score first.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetStrikeSettingsQuery;

/// <summary>
/// Replaces every strike threshold of the organization (Coop's <c>setAllUserStrikeThresholds</c>). Scores are whole
/// numbers above zero, each used once; each threshold runs at least one action, with parameter values where its actions take them.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveStrikeThresholdsCommand(IReadOnlyList<StrikeThresholdInput> Thresholds);

/// <summary>One threshold: the score that fires it, the actions it runs, and their parameter values by action id.</summary>
public sealed record StrikeThresholdInput(int Threshold, IReadOnlyList<string> ActionIds, IReadOnlyDictionary<string, JsonObject?>? Parameters = null);

public sealed record StrikeSettingsView(int StrikeTtlDays, IReadOnlyList<StrikeThresholdInput> Thresholds);

internal sealed class StrikeThresholdSettingsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetStrikeSettingsQuery, StrikeSettingsView>, ICommandHandler<SaveStrikeThresholdsCommand, StrikeSettingsView>
{
    public const int MaxThresholds = 50;

    public async Task<StrikeSettingsView> HandleAsync(GetStrikeSettingsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, actor.OrganizationId, cancellationToken);
    }

    public async Task<StrikeSettingsView> HandleAsync(SaveStrikeThresholdsCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var inputs = command.Thresholds ?? [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ids = inputs.SelectMany(t => t.ActionIds ?? []).Distinct().ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId && ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var errors = Validate(inputs, actions);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.StrikeThresholds.Where(t => t.OrganizationId == actor.OrganizationId).ExecuteDeleteAsync(cancellationToken);
        foreach (var input in inputs)
        {
            var parameters = new JsonObject();
            foreach (var (actionId, values) in input.Parameters ?? new Dictionary<string, JsonObject?>())
            {
                if (values is { Count: > 0 } && input.ActionIds.Contains(actionId))
                {
                    parameters[actionId] = values.DeepClone();
                }
            }

            db.StrikeThresholds.Add(StrikeThreshold.Create(actor.OrganizationId, input.Threshold,
                JsonSerializer.Serialize(input.ActionIds.Distinct()), parameters.ToJsonString()));
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "strike-thresholds.updated", "organization", actor.OrganizationId,
            inputs.Count == 0 ? "No strike thresholds."
                : string.Join("; ", inputs.OrderBy(t => t.Threshold).Select(t => $"{t.Threshold}: {string.Join(", ", t.ActionIds.Select(id => actions[id].Name))}")),
            time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(db, actor.OrganizationId, cancellationToken);
    }

    /// <summary>Field errors keyed <c>thresholds/{i}/threshold</c>, <c>thresholds/{i}/actionIds</c> and <c>thresholds/{i}/parameters/{actionId}/{name}</c>.</summary>
    internal static Dictionary<string, string[]> Validate(IReadOnlyList<StrikeThresholdInput> inputs, IReadOnlyDictionary<string, ActionDefinition> actions)
    {
        var errors = new Dictionary<string, string[]>();
        if (inputs.Count > MaxThresholds)
        {
            errors["thresholds"] = [$"At most {MaxThresholds} thresholds."];
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.Threshold <= 0)
            {
                errors[$"thresholds/{i}/threshold"] = ["A threshold is a whole number of strikes above zero."];
            }
            else if (inputs.Take(i).Any(t => t.Threshold == input.Threshold))
            {
                errors[$"thresholds/{i}/threshold"] = [$"There is already a threshold at {input.Threshold}."];
            }

            var actionIds = input.ActionIds ?? [];
            if (actionIds.Count == 0)
            {
                errors[$"thresholds/{i}/actionIds"] = ["Choose at least one action to run."];
            }
            else if (actionIds.FirstOrDefault(id => !actions.ContainsKey(id)) is { } unknown)
            {
                errors[$"thresholds/{i}/actionIds"] = [$"There is no action with the id '{unknown}'."];
            }

            foreach (var action in actionIds.Where(actions.ContainsKey).Select(id => actions[id]))
            {
                foreach (var (name, message) in ActionParameters.ValueErrors(action.Parameters, input.Parameters?.GetValueOrDefault(action.Id)))
                {
                    errors[$"thresholds/{i}/parameters/{action.Id}/{name}"] = [message];
                }
            }
        }

        return errors;
    }

    private static async Task<StrikeSettingsView> ViewAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken)
    {
        var ttl = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.StrikeTtlDays).SingleAsync(cancellationToken);
        var thresholds = await db.StrikeThresholds.AsNoTracking().Where(t => t.OrganizationId == organizationId).OrderBy(t => t.Threshold).ToListAsync(cancellationToken);
        return new StrikeSettingsView(ttl, [.. thresholds.Select(t => new StrikeThresholdInput(
            t.Threshold,
            JsonSerializer.Deserialize<string[]>(t.ActionIds) ?? [],
            (JsonNode.Parse(t.ActionParameters) as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value as JsonObject)))]);
    }
}
