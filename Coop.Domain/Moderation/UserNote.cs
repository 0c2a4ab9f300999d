namespace Coop.Domain.Moderation;

/// <summary>A reviewer's note about a user (a user item); it appears on every later job about that user.</summary>
public sealed class UserNote
{
    public const int TextMaxLength = 5000;

    private UserNote()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string UserItemTypeId { get; private set; } = string.Empty;

    public string UserItemId { get; private set; } = string.Empty;

    public string AuthorUserId { get; private set; } = string.Empty;

    public string AuthorName { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public static UserNote Write(string organizationId, string userItemTypeId, string userItemId, string authorUserId, string authorName, string text, DateTime nowUtc)
    {
        text = (text ?? string.Empty).Trim();
        if (text.Length is 0 or > TextMaxLength)
        {
            throw new ArgumentException($"A note has 1 to {TextMaxLength} characters.", nameof(text));
        }

        return new UserNote
        {
            OrganizationId = organizationId,
            UserItemTypeId = userItemTypeId,
            UserItemId = userItemId,
            AuthorUserId = authorUserId,
            AuthorName = authorName,
            Text = text,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
