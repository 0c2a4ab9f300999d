using System.Security.Claims;
using Coop.Domain.Authorization;
using MudBlazor;

namespace Coop.Web.Components.Layout;

/// <summary>The console's areas in navigation order, each with the permission that opens it.</summary>
public static class ConsoleAreas
{
    public static IReadOnlyList<ConsoleArea> All { get; } =
    [
        new("review", "Review", "/review", Permissions.ViewMrt, Icons.Material.Filled.FactCheck,
            "Work live review queues: claim the next job, decide, move on."),
        new("dashboards", "Dashboards", "/dashboards", Permissions.ViewMrtData, Icons.Material.Filled.Insights,
            "Real-time queue depth, throughput and decisions for team leads."),
        new("investigation", "Investigation", "/investigation", Permissions.ViewInvestigation, Icons.Material.Filled.ManageSearch,
            "Look up an item or a user and their history; act on what you find."),
        new("run-action", "Run Action", "/actions/run", Permissions.ManuallyActionContent, Icons.Material.Filled.PlayCircle,
            "Run an action on an item by hand: the platform gets the signed callback."),
        new("bulk-actions", "Bulk Actions", "/actions/bulk", Permissions.ManuallyActionContent, Icons.Material.Filled.DynamicFeed,
            "Run actions on many items at once: paste ids, preview, confirm, and watch the run live."),
        new("rules", "Rules", "/rules", Permissions.ViewRulesDashboard, Icons.Material.Filled.Rule,
            "Proactive and routing rules, signals and matching banks."),
        new("banks", "Matching Banks", "/rules/banks/text", Permissions.ViewRulesDashboard, Icons.Material.Filled.TextSnippet,
            "Text banks (words, phrases, regexes) and location banks (geohash areas) that rule signals match against."),
        new("hash-banks", "Hash Banks", "/rules/banks/hash", Permissions.ViewRulesDashboard, Icons.Material.Filled.Fingerprint,
            "Banks of image hashes (PDQ, MD5, SHA-256) that rule signals match against."),
        new("policies", "Policies", "/policies", Permissions.ManagePolicies, Icons.Material.Filled.Policy,
            "The policy tree decisions are made against, with strike weights."),
        new("actions", "Actions", "/actions", Permissions.ManageOrg, Icons.Material.Filled.Bolt,
            "Actions and their webhooks back to your platform."),
        new("item-types", "Item Types", "/item-types", Permissions.ManageOrg, Icons.Material.Filled.Schema,
            "The kinds of content, users and threads your platform sends, and their schemas."),
        new("ncmec", "NCMEC", "/ncmec", Permissions.ViewChildSafetyData, Icons.Material.Filled.ChildCare,
            "Child safety review and CyberTipline reports."),
        new("settings", "Settings", "/settings", Permissions.ManageOrg, Icons.Material.Filled.Settings,
            "Organization details, roles and permissions.")
        {
            // Users and roles have their own permissions: a role with only those still reaches its tabs from the navigation.
            AlsoOpenedBy = [(Permissions.ManageUsers, "/settings/users"), (Permissions.ManageRoles, "/settings/roles")],
        },
    ];

    public static ConsoleArea Get(string key) => All.Single(a => a.Key == key);
}

/// <summary>A navigation entry: key (for test ids), title, address, permission, icon and one-line purpose.</summary>
public sealed record ConsoleArea(string Key, string Title, string Href, string Permission, string Icon, string Purpose)
{
    /// <summary>Other ways into the area: a permission and the page it opens (for areas whose pages need different permissions).</summary>
    public IReadOnlyList<(string Permission, string Href)> AlsoOpenedBy { get; init; } = [];

    /// <summary>Where the area opens for <paramref name="user"/>: its main page, else the first page their permissions open, else null.</summary>
    public string? HrefFor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.HasClaim(Permissions.ClaimType, Permission))
        {
            return Href;
        }

        return AlsoOpenedBy.Where(e => user.HasClaim(Permissions.ClaimType, e.Permission)).Select(e => e.Href).FirstOrDefault();
    }
}
