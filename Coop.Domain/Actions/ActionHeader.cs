namespace Coop.Domain.Actions;

/// <summary>A header sent with an action's webhook. The value is a secret: shown once, never again, never logged.</summary>
public sealed record ActionHeader(string Name, string Value)
{
    public override string ToString() => $"{Name}: ••••";
}
