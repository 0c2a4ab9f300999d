namespace Coop.Domain.Authorization;

/// <summary>
/// The permission catalogue. Values are Coop 1.0's permission keys, so they survive export/import
/// and read the same in the audit log. Each value is also the name of an authorization policy.
/// </summary>
public static class Permissions
{
    public const string ManageOrg = "MANAGE_ORG";
    public const string ManageUsers = "MANAGE_USERS";
    public const string ManageRoles = "MANAGE_ROLES";

    public const string MutateNonLiveRules = "MUTATE_NON_LIVE_RULES";
    public const string MutateLiveRules = "MUTATE_LIVE_RULES";
    public const string RunBacktest = "RUN_BACKTEST";
    public const string RunRetroaction = "RUN_RETROACTION";
    public const string ViewInsights = "VIEW_INSIGHTS";
    public const string ViewRulesDashboard = "VIEW_RULES_DASHBOARD";
    public const string ManagePolicies = "MANAGE_POLICIES";

    public const string ViewMrt = "VIEW_MRT";
    public const string ViewMrtData = "VIEW_MRT_DATA";
    public const string EditMrtQueues = "EDIT_MRT_QUEUES";
    public const string ManageRoutingRules = "MANAGE_ROUTING_RULES";
    public const string ManuallyActionContent = "MANUALLY_ACTION_CONTENT";

    public const string ViewInvestigation = "VIEW_INVESTIGATION";

    public const string ViewChildSafetyData = "VIEW_CHILD_SAFETY_DATA";

    /// <summary>The claim type under which a user's permissions travel in their principal.</summary>
    public const string ClaimType = "coop:permission";

    /// <summary>Every permission, grouped by area, in display order.</summary>
    public static IReadOnlyList<PermissionGroup> Groups { get; } =
    [
        new("Organization management",
        [
            new(ManageOrg, "Manage organization settings", "Organization settings, API keys, integrations, item types, actions and NCMEC settings."),
            new(ManageUsers, "Manage users", "Invite, approve, reject and delete users; change a user's role."),
            new(ManageRoles, "Manage roles", "Rename roles and change the permissions each role grants."),
        ]),
        new("Rules",
        [
            new(MutateNonLiveRules, "Create draft rules", "Create and edit draft and background rules and matching banks."),
            new(MutateLiveRules, "Create live rules", "Create and edit live rules that take action, and matching banks."),
            new(RunBacktest, "Run backtests", "Run a rule against past traffic."),
            new(RunRetroaction, "Run retroaction", "Apply a rule's actions to past traffic."),
            new(ViewInsights, "View rules metrics", "See pass rates and sample executions of rules."),
            new(ViewRulesDashboard, "View rules dashboard", "See the automated enforcement area."),
            new(ManagePolicies, "Manage policies", "Create, edit and delete policies."),
        ]),
        new("Manual review",
        [
            new(ViewMrt, "View review console", "Review jobs in the queues assigned to the user."),
            new(ViewMrtData, "View review metrics", "See review analytics, recent decisions and the overview."),
            new(EditMrtQueues, "Manage queues and routing", "Create and edit queues; review every queue; invalidate reporters."),
            new(ManageRoutingRules, "Manage routing rules", "Create, edit and reorder routing rules."),
            new(ManuallyActionContent, "Manually action content", "Take actions from investigation and in bulk."),
        ]),
        new("Investigation",
        [
            new(ViewInvestigation, "View investigation tool", "Look up items, users and their history."),
        ]),
        new("Child safety",
        [
            new(ViewChildSafetyData, "View child safety content", "Review NCMEC jobs, decisions and CyberTipline reports."),
        ]),
    ];

    /// <summary>Every permission key, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Groups.SelectMany(g => g.Permissions).Select(p => p.Key)];

    private static readonly Dictionary<string, PermissionInfo> ByKey =
        Groups.SelectMany(g => g.Permissions).ToDictionary(p => p.Key, StringComparer.Ordinal);

    public static bool IsKnown(string key) => ByKey.ContainsKey(key);

    public static PermissionInfo Describe(string key) =>
        ByKey.TryGetValue(key, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown permission.");
}
