namespace Coop.Web.Hosting;

/// <summary>
/// Raises the thread pool's minimum worker threads (<c>Runtime:MinWorkerThreads</c>, default <see cref="DefaultMinWorkerThreads"/>).
/// SQLite's driver is synchronous underneath its async methods, so a write waiting for the database's lock or an fsync holds
/// a pool thread; with the default minimum (one per core) a burst of waiting writers used every thread and the pool added
/// more only about twice a second, so everything else queued behind them — measured in S7: Quartz triggers fired 1.3–1.5 s
/// late (p99) with 8 reviewers claiming on 2 cores, and 12–28 ms late with the minimum at 64.
/// </summary>
public static class ThreadPoolSetup
{
    public const string Key = "Runtime:MinWorkerThreads";

    public const int DefaultMinWorkerThreads = 64;

    /// <summary>Applies the configured minimum (never lowers the runtime's own); returns the minimum in force.</summary>
    public static int Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var wanted = configuration.GetValue(Key, DefaultMinWorkerThreads);
        if (wanted < 1)
        {
            throw new InvalidOperationException($"{Key} must be a positive number of threads (it is {wanted}).");
        }

        ThreadPool.GetMinThreads(out var workers, out var io);
        if (wanted > workers)
        {
            ThreadPool.SetMinThreads(wanted, io);
        }

        ThreadPool.GetMinThreads(out workers, out _);
        return workers;
    }
}
