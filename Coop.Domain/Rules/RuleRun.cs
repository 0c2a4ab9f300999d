using Coop.Domain.Common;

namespace Coop.Domain.Rules;

/// <summary>What a rule run does with its matches.</summary>
public enum RuleRunKind
{
    /// <summary>Evaluate only: how many stored items would match, with samples.</summary>
    Backtest,

    /// <summary>Evaluate and run the rule's actions on each matching item (once per item).</summary>
    Retroaction,
}

public enum RuleRunStatus
{
    Running,
    Completed,
    Canceled,
    Failed,
}

/// <summary>
/// A backtest or retroaction: one rule version over the stored item versions of its item types received in
/// [<see cref="From"/>, <see cref="To"/>), at most <see cref="Limit"/> of them, worked through in chunks. Each chunk
/// commits its matches, actions and the <see cref="Cursor"/> together, so a restart resumes without doing an item twice.
/// </summary>
public sealed class RuleRun
{
    public const int MaxSamples = 50;
    public const int MaxLimit = 1_000_000;

    private RuleRun()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string RuleId { get; private set; } = string.Empty;

    public int RuleVersion { get; private set; }

    public RuleRunKind Kind { get; private set; }

    public RuleRunStatus Status { get; private set; }

    public DateTime From { get; private set; }

    public DateTime To { get; private set; }

    public int Limit { get; private set; }

    /// <summary>The last submission id worked through.</summary>
    public long Cursor { get; private set; }

    public int Evaluated { get; private set; }

    public int Matched { get; private set; }

    public int Acted { get; private set; }

    public int Errored { get; private set; }

    /// <summary>The first matches (JSON array of {itemTypeId, itemId, submissionId}).</summary>
    public string SamplesJson { get; private set; } = "[]";

    public string? CreatedByUserId { get; private set; }

    public string? CreatedByName { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public string? Error { get; private set; }

    /// <summary>A worker's lease on the run (several nodes may run workers).</summary>
    public DateTime? LeaseUntil { get; private set; }

    public bool IsFinished => Status != RuleRunStatus.Running;

    public static RuleRun Start(
        string organizationId, string ruleId, int ruleVersion, RuleRunKind kind, DateTime fromUtc, DateTime toUtc, int limit,
        string? userId, string? userName, DateTime nowUtc)
    {
        if (toUtc <= fromUtc)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(toUtc));
        }

        return new RuleRun
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            RuleId = ruleId,
            RuleVersion = ruleVersion,
            Kind = kind,
            Status = RuleRunStatus.Running,
            From = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc),
            To = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc),
            Limit = Math.Clamp(limit, 1, MaxLimit),
            CreatedByUserId = userId,
            CreatedByName = userName,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }

    /// <summary>Records one chunk: how far it got and what it found.</summary>
    public void Advance(long cursor, int evaluated, int matched, int acted, int errored, IEnumerable<(string ItemTypeId, string ItemId, long SubmissionId)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Cursor = Math.Max(Cursor, cursor);
        Evaluated += evaluated;
        Matched += matched;
        Acted += acted;
        Errored += errored;
        var list = System.Text.Json.JsonSerializer.Deserialize<List<RuleRunSample>>(SamplesJson) ?? [];
        foreach (var (typeId, itemId, submissionId) in samples)
        {
            if (list.Count >= MaxSamples)
            {
                break;
            }

            list.Add(new RuleRunSample(typeId, itemId, submissionId));
        }

        SamplesJson = System.Text.Json.JsonSerializer.Serialize(list);
    }

    public IReadOnlyList<RuleRunSample> Samples => System.Text.Json.JsonSerializer.Deserialize<List<RuleRunSample>>(SamplesJson) ?? [];

    public void Complete(DateTime nowUtc) => Finish(RuleRunStatus.Completed, nowUtc, null);

    public void Cancel(DateTime nowUtc) => Finish(RuleRunStatus.Canceled, nowUtc, null);

    public void Fail(string error, DateTime nowUtc) => Finish(RuleRunStatus.Failed, nowUtc, error);

    private void Finish(RuleRunStatus status, DateTime nowUtc, string? error)
    {
        if (IsFinished)
        {
            return;
        }

        Status = status;
        Error = error;
        LeaseUntil = null;
        FinishedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }
}

/// <summary>One matching item version of a run.</summary>
public sealed record RuleRunSample(string ItemTypeId, string ItemId, long SubmissionId);
