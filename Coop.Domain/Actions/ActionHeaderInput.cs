namespace Coop.Domain.Actions;

/// <summary>A header as an editor sends it: a null <see cref="Value"/> keeps the value already saved under that name.</summary>
public sealed record ActionHeaderInput(string Name, string? Value)
{
    public override string ToString() => $"{Name}: {(Value is null ? "(unchanged)" : "••••")}";
}
