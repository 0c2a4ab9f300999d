namespace Coop.Domain.Actions;

/// <summary>What an action does. Only <see cref="CustomAction"/> is made by people; the others are built in.</summary>
public enum ActionType
{
    /// <summary>POSTs a webhook to the platform.</summary>
    CustomAction,

    /// <summary>Creates a review job for the item.</summary>
    EnqueueToMrt,

    /// <summary>Creates a review job for the author of a content item.</summary>
    EnqueueAuthorToMrt,

    /// <summary>Sends the user behind the item into NCMEC review.</summary>
    EnqueueToNcmec,
}
