namespace Coop.Domain.Rules;

/// <summary>One version of a rule's definition, kept for explaining past evaluations and for insights.</summary>
public sealed class RuleVersion
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private RuleVersion()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string RuleId { get; private set; } = string.Empty;

    public int Version { get; private set; }

    /// <summary>The <see cref="RuleDefinition"/> as JSON.</summary>
    public string DefinitionJson { get; private set; } = "{}";

    public string? ChangedByUserId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static RuleVersion Capture(Rule rule, string? changedByUserId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new RuleVersion
        {
            OrganizationId = rule.OrganizationId,
            RuleId = rule.Id,
            Version = rule.Version,
            DefinitionJson = System.Text.Json.JsonSerializer.Serialize(rule.Definition, Json),
            ChangedByUserId = changedByUserId,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
