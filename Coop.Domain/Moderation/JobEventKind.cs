namespace Coop.Domain.Moderation;

/// <summary>What happened to a job, for its history.</summary>
public enum JobEventKind
{
    Created = 0,
    Claimed = 1,
    Released = 2,
    Skipped = 3,
    Expired = 4,
    HandedOff = 5,
    Moved = 6,
    Decided = 7,
    ReportAttached = 8,
}
