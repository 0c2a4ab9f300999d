namespace Coop.Domain.Moderation;

/// <summary>Why a job exists (Coop's <c>enqueueSourceInfo.kind</c>).</summary>
public enum JobSource
{
    Report = 0,
    Appeal = 1,
    RuleExecution = 2,
    PostActions = 3,
    Moved = 4,
    Manual = 5,
}
