using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Benchmarks.Harness;

/// <summary>
/// Where the database time goes while it is on: every EF Core command (by the start of its SQL) and every commit, from EF's
/// own diagnostic events, with count and total duration (waits for the SQLite write lock included). Process-wide: it sees
/// the product's request path and its background services alike.
/// </summary>
public sealed partial class EfProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, Span> spans = new(StringComparer.Ordinal);
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private volatile bool on;

    public EfProfile() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Clears the spans and starts recording.</summary>
    public void Start()
    {
        spans.Clear();
        on = true;
    }

    /// <summary>Stops recording and prints the top spans by total time, per unit of work done when <paramref name="units"/> is given.</summary>
    public void StopAndPrint(string title, int units, int top = 10)
    {
        on = false;
        Console.WriteLine($"  EF time during {title} (top {top} by total; ms per {units:N0} units of work):");
        foreach (var (sql, span) in spans.OrderByDescending(s => s.Value.TotalMs).Take(top))
        {
            Console.WriteLine(ScenarioSetup.F($"    {span.Count,7:N0}× {span.TotalMs,9:0} ms total {span.TotalMs / Math.Max(1, span.Count),7:0.00} ms each {span.TotalMs / Math.Max(1, units),6:0.00} ms/unit  {sql}"));
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!on)
        {
            return;
        }

        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                Add(Key(executed.Command.CommandText), executed.Duration);
                break;
            case CommandErrorEventData error:
                Add("ERROR " + Key(error.Command.CommandText), error.Duration);
                break;
            case TransactionEndEventData end when value.Key == RelationalEventId.TransactionCommitted.Name:
                Add("COMMIT", end.Duration);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    private void Add(string key, TimeSpan duration)
    {
        var span = spans.GetOrAdd(key, _ => new Span());
        lock (span)
        {
            span.Count++;
            span.TotalMs += duration.TotalMilliseconds;
        }
    }

    private static string Key(string sql)
    {
        var flat = Whitespace().Replace(sql, " ").Trim();
        return flat.Length <= 110 ? flat : flat[..110];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Span
    {
        public int Count { get; set; }

        public double TotalMs { get; set; }
    }
}
