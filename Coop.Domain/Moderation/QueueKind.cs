namespace Coop.Domain.Moderation;

/// <summary>What a queue holds: ordinary review jobs, appeals, or child-safety (NCMEC) jobs.</summary>
public enum QueueKind
{
    Standard = 0,
    Appeals = 1,
    Ncmec = 2,
}
