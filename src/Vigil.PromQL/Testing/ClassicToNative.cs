using System.Globalization;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.PromQL.Testing;

/// <summary>
/// <c>load_with_nhcb</c>: each classic histogram (its <c>_bucket</c> series with <c>le</c>, <c>_count</c> and
/// <c>_sum</c>) is also stored as a native histogram with custom buckets under the base name, one per
/// timestamp, as upstream's script runner does.
/// </summary>
public static class ClassicToNative
{
    private sealed class Pending
    {
        public SortedDictionary<double, double> Buckets { get; } = [];

        public double? Count { get; set; }

        public double Sum { get; set; }
    }

    /// <summary>The native series the classic ones in <paramref name="series"/> convert to, samples in time order.</summary>
    public static List<(LabelSet Labels, List<(long Timestamp, FloatHistogram Histogram)> Samples)> Convert(
        IEnumerable<(LabelSet Labels, List<SequenceValue> Values)> series, long intervalMs)
    {
        var byBase = new Dictionary<LabelSet, SortedDictionary<long, Pending>>();
        foreach (var (labels, values) in series)
        {
            var name = labels.Get(LabelName.MetricName);
            if (Part(name, labels) is not { } part)
            {
                continue;
            }
            var baseLabels = labels.Without(["le"]).With(LabelName.MetricName, part.BaseName);
            if (!byBase.TryGetValue(baseLabels, out var byTime))
            {
                byTime = [];
                byBase[baseLabels] = byTime;
            }
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Omitted || values[i].IsHistogram)
                {
                    continue;
                }
                var t = i * intervalMs;
                if (!byTime.TryGetValue(t, out var pending))
                {
                    pending = new Pending();
                    byTime[t] = pending;
                }
                part.Set(pending, values[i].Value);
            }
        }
        return byBase.Select(b => (b.Key, b.Value.Select(p => (p.Key, Build(p.Value))).Where(p => p.Item2 is not null).Select(p => (p.Key, p.Item2!)).ToList()))
            .Where(s => s.Item2.Count > 0)
            .ToList();
    }

    private sealed record SeriesPart(string BaseName, Action<Pending, double> Set);

    // What one classic series contributes: a bucket (its le), the count or the sum; null for other series.
    private static SeriesPart? Part(string name, LabelSet labels)
    {
        if (name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            var le = labels.Get("le");
            if (!double.TryParse(le == "+Inf" ? "Infinity" : le, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || double.IsNaN(bound))
            {
                return null;
            }
            return new SeriesPart(name[..^"_bucket".Length], (p, v) => p.Buckets.TryAdd(bound, v));
        }
        if (name.EndsWith("_count", StringComparison.Ordinal))
        {
            return new SeriesPart(name[..^"_count".Length], (p, v) => p.Count = v);
        }
        if (name.EndsWith("_sum", StringComparison.Ordinal))
        {
            return new SeriesPart(name[..^"_sum".Length], (p, v) => p.Sum = v);
        }
        return null;
    }

    // Cumulative bucket counts become per-bucket counts; the count defaults to the last bucket's. Upstream
    // refuses to load a classic histogram that is not cumulative or whose count disagrees with its +Inf
    // bucket; the scripts have none, so such a timestamp is left out rather than failing the whole load.
    private static FloatHistogram? Build(Pending p)
    {
        var buckets = p.Buckets.ToList();
        var count = p.Count ?? (buckets.Count > 0 ? buckets[^1].Value : 0);
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Key))
        {
            buckets.Add(new KeyValuePair<double, double>(double.PositiveInfinity, count));
        }
        var counts = new double[buckets.Count];
        var previous = 0.0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Value < previous || count < 0)
            {
                return null;
            }
            counts[i] = buckets[i].Value - previous;
            previous = buckets[i].Value;
        }
        if (count != buckets[^1].Value)
        {
            return null;
        }
        var bounds = buckets.Take(buckets.Count - 1).Select(b => b.Key).ToArray();
        return new FloatHistogram(FloatHistogram.CustomBucketsSchema, 0, 0, count, p.Sum, new BucketRun(0, counts), BucketRun.Empty, customValues: bounds);
    }
}
