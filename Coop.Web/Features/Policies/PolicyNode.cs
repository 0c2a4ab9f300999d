namespace Coop.Web.Features.Policies;

/// <summary>A policy with its sub-policies, for the tree view.</summary>
public sealed record PolicyNode(PolicyView Policy, IReadOnlyList<PolicyNode> Children, int Depth);
