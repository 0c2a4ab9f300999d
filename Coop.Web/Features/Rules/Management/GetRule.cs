using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>One rule's definition (for the editor) and its version history, newest first.</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record GetRuleQuery(string Id);

/// <summary>One past version of a rule's definition (read-only).</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record GetRuleVersionQuery(string RuleId, int Version);

public sealed record RuleDetails(string Id, int Version, RuleInput Rule, bool Expired, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<RuleVersionSummary> Versions);

/// <summary>A version in the history: its number, who saved it (email, or their id when the user is gone) and when.</summary>
public sealed record RuleVersionSummary(int Version, RuleStatus Status, string? ChangedBy, DateTime CreatedAt);

public sealed record RuleVersionDetails(string RuleId, int Version, RuleInput Rule, string? ChangedBy, DateTime CreatedAt);

internal sealed class GetRuleHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetRuleQuery, RuleDetails?>, IQueryHandler<GetRuleVersionQuery, RuleVersionDetails?>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public async Task<RuleDetails?> HandleAsync(GetRuleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.Rules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (rule is null)
        {
            return null;
        }

        var versions = await db.RuleVersions.AsNoTracking().Where(v => v.RuleId == rule.Id).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        var names = await NamesAsync(db, versions.Select(v => v.ChangedByUserId), cancellationToken);
        return new RuleDetails(rule.Id, rule.Version, RuleInput.From(rule.Definition), rule.ExpiresAt <= time.GetUtcNow().UtcDateTime, rule.CreatedAt, rule.UpdatedAt,
            [.. versions.Select(v => new RuleVersionSummary(v.Version, Parse(v.DefinitionJson)?.Status ?? RuleStatus.Draft, Name(names, v.ChangedByUserId), v.CreatedAt))]);
    }

    public async Task<RuleVersionDetails?> HandleAsync(GetRuleVersionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var version = await db.RuleVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.RuleId == query.RuleId && v.Version == query.Version && v.OrganizationId == actor.OrganizationId, cancellationToken);
        if (version is null || Parse(version.DefinitionJson) is not { } definition)
        {
            return null;
        }

        var names = await NamesAsync(db, [version.ChangedByUserId], cancellationToken);
        return new RuleVersionDetails(version.RuleId, version.Version, RuleInput.From(definition), Name(names, version.ChangedByUserId), version.CreatedAt);
    }

    private static RuleDefinition? Parse(string json) => System.Text.Json.JsonSerializer.Deserialize<RuleDefinition>(json, Json);

    private static async Task<Dictionary<string, string>> NamesAsync(CoopDbContext db, IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
    }

    private static string? Name(Dictionary<string, string> names, string? userId) => userId is null ? null : names.GetValueOrDefault(userId, userId);
}
