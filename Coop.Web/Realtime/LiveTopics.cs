namespace Coop.Web.Realtime;

/// <summary>The topics live events are published on. A change is usually published on more than one.</summary>
public static class LiveTopics
{
    /// <summary>Anything about the organization's queues as a whole (counts, ages, reviewers, queue edits).</summary>
    public static string Queues(string organizationId) => $"org/{organizationId}/queues";

    /// <summary>One queue's jobs.</summary>
    public static string Queue(string queueId) => $"queue/{queueId}";

    /// <summary>One job: claims, presence, comments, decisions.</summary>
    public static string Job(string jobId) => $"job/{jobId}";

    /// <summary>One item (and, for user items, the user's history): new versions, decisions, actions, strikes.</summary>
    public static string Item(string organizationId, string itemTypeId, string itemId) => $"org/{organizationId}/item/{itemTypeId}/{itemId}";

    /// <summary>The organization's recent decisions and actions feed.</summary>
    public static string Decisions(string organizationId) => $"org/{organizationId}/decisions";

    /// <summary>The organization's bulk action runs: created, progressing, finished, cancelled.</summary>
    public static string BulkActions(string organizationId) => $"org/{organizationId}/bulk-actions";

    /// <summary>
    /// The organization's proactive rules: definition changes (<see cref="LiveEventKinds.RuleChanged"/>, entity = the rule id) and
    /// evaluation batches (<see cref="LiveEventKinds.RuleEvaluated"/>, entity = the evaluated rule ids joined by commas, or null for
    /// "some rules"). The engine's rule cache, the rules list and rule insights subscribe.
    /// </summary>
    public static string Rules(string organizationId) => $"org/{organizationId}/rules";

    /// <summary>The organization's NCMEC submissions (the NCMEC reports page).</summary>
    public static string ChildSafety(string organizationId) => $"org/{organizationId}/child-safety";

    /// <summary>
    /// Who may do what in the organization: a role's permissions, a user's role, activation (<see cref="LiveEventKinds.AccessChanged"/>;
    /// entity = the user concerned, or null for "any user"). Every open circuit of the organization revalidates its principal.
    /// </summary>
    public static string Access(string organizationId) => $"org/{organizationId}/access";

    /// <summary>An organization's API keys (nodes forget the keys they had checked recently).</summary>
    public static string ApiKeys(string organizationId) => $"org/{organizationId}/api-keys";
}
