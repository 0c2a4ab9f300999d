using Coop.Domain.Conditions;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// A routing rule in a configuration file. <c>kind</c> is STANDARD (routes reports) or APPEALS; rules of a kind run in
/// <c>position</c> order and the first match sends the item to <c>targetQueueId</c> (a queue of the same kind). The
/// <c>condition</c> has the shape routing rules are stored in (nested <c>set</c>s of <c>condition</c>s).
/// </summary>
public sealed record RoutingRuleConfig(
    string? Id,
    string? Name,
    string? Description = null,
    string? Kind = null,
    int? Position = null,
    Condition? Condition = null,
    string? TargetQueueId = null);
