namespace Coop.Web.Features.Review.Presence;

/// <summary>Who is looking at which job right now. A viewer counts while their job page is open (one entry per open page).</summary>
public interface IJobPresence
{
    /// <summary>Marks the viewer present on the job until the result is disposed; publishes a presence change both times.</summary>
    Task<IAsyncDisposable> JoinAsync(string organizationId, string jobId, JobViewer viewer, CancellationToken cancellationToken = default);

    /// <summary>The distinct people viewing the job now.</summary>
    IReadOnlyList<JobViewer> ViewersOf(string jobId);
}

/// <summary>A person viewing a job.</summary>
public sealed record JobViewer(string UserId, string Name);
