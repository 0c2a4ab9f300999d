using Coop.Web.Features.Administration;

namespace Coop.Web.Cli;

/// <summary>What to tell a person about the demo accounts.</summary>
internal static class DemoBanner
{
    public static string Describe(SeedDemoResult result)
    {
        if (!result.Created)
        {
            return $"The demo organization '{result.OrganizationName}' already exists; nothing was changed.";
        }

        var lines = new List<string> { $"Created the demo organization '{result.OrganizationName}' with these accounts:" };
        lines.AddRange(result.Accounts.Select(a => $"  {a.Email,-24} {a.RoleKey}"));
        lines.Add($"Password for every demo account: {result.Password}");
        return string.Join(Environment.NewLine, lines);
    }
}
