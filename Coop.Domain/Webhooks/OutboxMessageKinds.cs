namespace Coop.Domain.Webhooks;

/// <summary>What an outbound message is for; stored as text so new kinds need no migration.</summary>
public static class OutboxMessageKinds
{
    public const string ActionCallback = "action-callback";
    public const string AppealCallback = "appeal-callback";
    public const string IgnoreCallback = "ignore-callback";
}
