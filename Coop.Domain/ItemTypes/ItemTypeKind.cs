namespace Coop.Domain.ItemTypes;

/// <summary>What an item type describes; drives rendering in the console and which field roles apply.</summary>
public enum ItemTypeKind
{
    /// <summary>A post, comment, message, listing…</summary>
    Content,

    /// <summary>An account or profile.</summary>
    User,

    /// <summary>An ordered container of content: a chat, a comment thread.</summary>
    Thread,
}
