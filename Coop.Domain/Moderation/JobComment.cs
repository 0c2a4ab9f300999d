namespace Coop.Domain.Moderation;

/// <summary>An internal note on a job for other reviewers; never sent to the platform. Only its author may delete it.</summary>
public sealed class JobComment
{
    public const int TextMaxLength = 5000;

    private JobComment()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string JobId { get; private set; } = string.Empty;

    public string AuthorUserId { get; private set; } = string.Empty;

    /// <summary>How the author was shown when writing (kept if the account goes away).</summary>
    public string AuthorName { get; private set; } = string.Empty;

    public string Text { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public static JobComment Write(string organizationId, string jobId, string authorUserId, string authorName, string text, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(authorUserId);
        text = (text ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("A comment needs some text.", nameof(text));
        }

        if (text.Length > TextMaxLength)
        {
            throw new ArgumentException($"A comment has at most {TextMaxLength} characters.", nameof(text));
        }

        return new JobComment
        {
            OrganizationId = organizationId,
            JobId = jobId,
            AuthorUserId = authorUserId,
            AuthorName = authorName,
            Text = text,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
