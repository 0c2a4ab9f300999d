namespace Coop.Domain.Authorization;

using static Permissions;

/// <summary>
/// The seven system roles every organization gets, with Coop 1.0's seeded permission sets
/// (note that Moderators do hold MANAGE_POLICIES there, and so they do here).
/// Admins may rename a role and change its permissions per organization, and add custom roles.
/// </summary>
public static class DefaultRoles
{
    public const string Admin = "ADMIN";
    public const string RulesManager = "RULES_MANAGER";
    public const string ModeratorManager = "MODERATOR_MANAGER";
    public const string ChildSafetyModerator = "CHILD_SAFETY_MODERATOR";
    public const string Moderator = "MODERATOR";
    public const string Analyst = "ANALYST";
    public const string ExternalModerator = "EXTERNAL_MODERATOR";

    private static readonly string[] ModeratorSet =
        [ViewMrt, ViewMrtData, ManagePolicies, ManuallyActionContent, ViewInvestigation, ViewRulesDashboard];

    public static IReadOnlyList<RoleDefinition> All { get; } =
    [
        new(Admin, "Admin", "Full access to every area, including users, roles and settings.", Permissions.All),
        new(RulesManager, "Rules Manager", "Writes and runs rules and policies; investigates and actions content.",
            [MutateLiveRules, MutateNonLiveRules, RunRetroaction, RunBacktest, ViewInsights, ManuallyActionContent,
             ManagePolicies, ViewInvestigation, ViewRulesDashboard]),
        new(ModeratorManager, "Moderator Manager", "Runs the review operation: queues, routing, metrics and child safety.",
            [ViewMrt, ViewMrtData, EditMrtQueues, ManageRoutingRules, ManagePolicies, ViewInvestigation,
             ViewRulesDashboard, ViewChildSafetyData, ManuallyActionContent]),
        new(ChildSafetyModerator, "Child Safety Moderator", "A moderator who also reviews child safety (NCMEC) jobs.",
            [.. ModeratorSet, ViewChildSafetyData]),
        new(Moderator, "Moderator", "Reviews jobs in assigned queues and investigates.", ModeratorSet),
        new(Analyst, "Analyst", "Drafts and measures rules; investigates.",
            [MutateNonLiveRules, RunBacktest, ViewInsights, ViewInvestigation, ViewRulesDashboard]),
        new(ExternalModerator, "External Moderator", "Reviews jobs in assigned queues only.", [ViewMrt]),
    ];

    public static RoleDefinition Get(string key) =>
        All.FirstOrDefault(r => r.Key == key)
        ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown role.");

    public static bool IsKnown(string key) => All.Any(r => r.Key == key);
}
