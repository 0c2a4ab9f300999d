namespace Coop.Domain.Policies;

/// <summary>How severe a violation of a policy is; sent to the platform in action webhooks as NONE … SEVERE.</summary>
public enum Penalty
{
    None,
    Low,
    Medium,
    High,
    Severe,
}
