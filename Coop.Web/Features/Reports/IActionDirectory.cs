namespace Coop.Web.Features.Reports;

/// <summary>What the appeal endpoint needs of actions and policies: which of the given ids exist in the organization.</summary>
public interface IActionDirectory
{
    Task<IReadOnlySet<string>> ExistingActionIdsAsync(string organizationId, IReadOnlyCollection<string> actionIds, CancellationToken cancellationToken);

    Task<IReadOnlySet<string>> ExistingPolicyIdsAsync(string organizationId, IReadOnlyCollection<string> policyIds, CancellationToken cancellationToken);
}
