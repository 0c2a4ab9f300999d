namespace Coop.Tests.Support;

/// <summary>
/// Tests that start several app processes and many browser pages (the two-node cluster test) run in this collection, after and
/// apart from the parallel ones, so the rest of the suite does not starve them of CPU and database connections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
