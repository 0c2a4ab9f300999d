namespace Coop.Web.Jobs;

/// <summary>Where Quartz keeps its schedule.</summary>
public enum JobStore
{
    /// <summary>In the process: each node runs its own schedule (fine for one node, and safe on several since every job claims its work row by row).</summary>
    Memory,

    /// <summary>Quartz's ADO.NET store on the app's PostgreSQL or SQL Server database, clustered: each firing runs on one node, a dead node's work is recovered.</summary>
    Database,
}

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public JobStore Store { get; set; } = JobStore.Memory;

    /// <summary>How often a clustered node records that it is alive (<see cref="JobStore.Database"/> only).</summary>
    public double ClusterCheckinIntervalSeconds { get; set; } = 7.5;

    /// <summary>How long past a missed check-in the other nodes wait before recovering a node's work (<see cref="JobStore.Database"/> only).</summary>
    public double ClusterCheckinMisfireThresholdSeconds { get; set; } = 15;
}
