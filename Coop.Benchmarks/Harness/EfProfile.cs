using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coop.Benchmarks.Harness;

/// <summary>
/// Where the database time goes while it is on: every EF Core command (by the start of its SQL) and every commit, from EF's
/// own diagnostic events, with count and total duration (waits for the SQLite write lock included). Process-wide: it sees
/// the product's request path and its background services alike. Each committed transaction is also timed from its start
/// to its commit (on SQLite, how long it held the writer), by its first statement, and split into its statements, the
/// commit after its last statement, and the rest (EF's and the use case's own work between statements).
/// </summary>
public sealed partial class EfProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, Span> spans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, OpenTransaction> openTransactions = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private volatile bool on;

    public EfProfile() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Clears the spans and starts recording.</summary>
    public void Start()
    {
        spans.Clear();
        openTransactions.Clear();
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
                var key = Key(executed.Command.CommandText);
                Add(key, executed.Duration);
                if (openTransactions.TryGetValue(executed.ConnectionId, out var open))
                {
                    open.First ??= key[..Math.Min(60, key.Length)];
                    open.Statements += executed.Duration;
                    open.LastStatementEnded = Stopwatch.GetTimestamp();
                }

                break;
            case CommandErrorEventData error:
                Add("ERROR " + Key(error.Command.CommandText), error.Duration);
                break;
            case TransactionEventData started when value.Key == RelationalEventId.TransactionStarted.Name:
                var now = Stopwatch.GetTimestamp();
                openTransactions[started.ConnectionId] = new OpenTransaction { Began = now, LastStatementEnded = now };
                break;
            case TransactionEndEventData end when value.Key == RelationalEventId.TransactionCommitted.Name:
                Add("COMMIT", end.Duration);
                if (openTransactions.TryRemove(end.ConnectionId, out var ended))
                {
                    // On SQLite the transaction holds the writer from BEGIN IMMEDIATE to its commit: this is the write lock's hold.
                    // Split: its statements, the commit itself (after the last statement), and the rest (EF and .NET work between them).
                    var held = Stopwatch.GetElapsedTime(ended.Began);
                    var commit = Stopwatch.GetElapsedTime(ended.LastStatementEnded);
                    var first = ended.First ?? "(no statement)";
                    Add($"TX {first}: started to committed", held);
                    Add($"TX {first}:   of which statements", ended.Statements);
                    Add($"TX {first}:   of which the commit after its last statement", commit);
                    Add($"TX {first}:   of which the rest (between statements)", held - ended.Statements - commit);
                }

                break;
            case TransactionEndEventData rolledBack when value.Key == RelationalEventId.TransactionRolledBack.Name:
                openTransactions.TryRemove(rolledBack.ConnectionId, out _);
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

    private sealed class OpenTransaction
    {
        public long Began { get; init; }

        public long LastStatementEnded { get; set; }

        public TimeSpan Statements { get; set; }

        public string? First { get; set; }
    }

    private sealed class Span
    {
        public int Count { get; set; }

        public double TotalMs { get; set; }
    }
}
