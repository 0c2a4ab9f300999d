using Coop.Domain.Moderation;

namespace Coop.Web.Features.Configuration;

/// <summary>How queue kinds and orderings are written in configuration files: upper case, like the file's other enums.</summary>
internal static class QueueWireNames
{
    public const string KindChoices = "Use STANDARD, APPEALS or NCMEC.";

    public const string OrderingChoices = "Use AGE or PRIORITY.";

    public static string ToWire(this QueueKind kind) => kind.ToString().ToUpperInvariant();

    public static string ToWire(this QueueOrdering ordering) => ordering.ToString().ToUpperInvariant();

    public static bool TryParseKind(string? name, out QueueKind kind) =>
        Enum.TryParse(name?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _);

    public static bool TryParseOrdering(string? name, out QueueOrdering ordering) =>
        Enum.TryParse(name?.Trim(), ignoreCase: true, out ordering) && Enum.IsDefined(ordering) && !int.TryParse(name, out _);
}
