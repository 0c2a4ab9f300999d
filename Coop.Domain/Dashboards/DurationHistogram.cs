namespace Coop.Domain.Dashboards;

/// <summary>
/// Fixed log-scale buckets for durations, so roll-ups can add histograms and still give a median or p90: bucket 0 is
/// [0, 5 s), bucket i is [5·2^(i−1) s, 5·2^i s) up to bucket <see cref="Count"/>−2 (about 15 days), and the last bucket is
/// everything longer. A percentile is interpolated geometrically inside its bucket, so it is within a factor of two of the
/// exact value (much closer in practice).
/// </summary>
public static class DurationHistogram
{
    public const int Count = 20;

    private const double FirstUpperSeconds = 5;

    /// <summary>The bucket of a duration (negative durations count as zero).</summary>
    public static int BucketOf(TimeSpan duration)
    {
        var seconds = Math.Max(0, duration.TotalSeconds);
        if (seconds < FirstUpperSeconds)
        {
            return 0;
        }

        var bucket = (int)Math.Floor(Math.Log2(seconds / FirstUpperSeconds)) + 1;
        return Math.Min(bucket, Count - 1);
    }

    /// <summary>The bucket's key in a roll-up ("00".."19", so keys sort in order).</summary>
    public static string Key(int bucket) => bucket.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    public static int Parse(string key) => int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var b) && b is >= 0 and < Count ? b : Count - 1;

    /// <summary>The lower bound of a bucket in seconds.</summary>
    public static double LowerSeconds(int bucket) => bucket == 0 ? 0 : FirstUpperSeconds * Math.Pow(2, bucket - 1);

    /// <summary>The upper bound of a bucket in seconds (the last bucket is treated as twice its lower bound).</summary>
    public static double UpperSeconds(int bucket) => FirstUpperSeconds * Math.Pow(2, bucket);

    /// <summary>A short label for a bucket, e.g. "10–20 s", "5–11 min".</summary>
    public static string Label(int bucket) => bucket == Count - 1
        ? $"> {Format(LowerSeconds(bucket))}"
        : $"{Format(LowerSeconds(bucket))}–{Format(UpperSeconds(bucket))}";

    /// <summary>A compact axis label for a bucket: its upper bound ("&lt;20s", "&lt;2.7m", "&lt;1.4h"), or "&gt;15d" for the last.</summary>
    public static string AxisLabel(int bucket) => bucket == Count - 1
        ? $">{Compact(LowerSeconds(bucket))}"
        : $"<{Compact(UpperSeconds(bucket))}";

    private static string Compact(double seconds) => seconds switch
    {
        < 60 => $"{seconds:0}s",
        < 3600 => $"{seconds / 60:0.#}m",
        < 86400 => $"{seconds / 3600:0.#}h",
        _ => $"{seconds / 86400:0.#}d",
    };

    public static string Format(double seconds) => seconds switch
    {
        < 60 => $"{seconds:0} s",
        < 3600 => $"{seconds / 60:0.#} min",
        < 86400 => $"{seconds / 3600:0.#} h",
        _ => $"{seconds / 86400:0.#} d",
    };

    /// <summary>The <paramref name="quantile"/> (0..1) of a histogram given as counts per bucket; null when it is empty.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var bucket = 0; bucket < counts.Count; bucket++)
        {
            var n = counts[bucket];
            if (n == 0)
            {
                continue;
            }

            if (seen + n >= rank)
            {
                var fraction = Math.Clamp((rank - seen) / n, 0, 1);
                var lower = LowerSeconds(bucket);
                var upper = UpperSeconds(bucket);
                var seconds = bucket == 0 ? upper * fraction : lower * Math.Pow(upper / lower, fraction);
                return TimeSpan.FromSeconds(seconds);
            }

            seen += n;
        }

        return TimeSpan.FromSeconds(UpperSeconds(counts.Count - 1));
    }
}
