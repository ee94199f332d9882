using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Bench.Engine;

/// <summary>
/// The deterministic data set of the PromQL benchmarks: 40% request counters, 50% classic histogram buckets
/// (10 per histogram), 10% gauges, spread over 10 jobs. Values come from a seeded generator so every run
/// loads the same samples.
/// </summary>
public static class EngineData
{
    private static readonly string[] Buckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    /// <summary>The label sets of the data set, <paramref name="seriesCount"/> of them.</summary>
    public static List<LabelSet> Series(int seriesCount)
    {
        var result = new List<LabelSet>(seriesCount);
        var counters = seriesCount * 4 / 10;
        var histograms = seriesCount / 2 / Buckets.Length;
        var gauges = seriesCount - counters - (histograms * Buckets.Length);
        for (var i = 0; i < counters; i++)
        {
            result.Add(LabelSet.Of("__name__", "http_requests_total", "job", "job" + (i % 10), "instance", "host" + (i / 40), "code", (200 + (i / 10 % 4)).ToString()));
        }
        for (var h = 0; h < histograms; h++)
        {
            foreach (var le in Buckets)
            {
                result.Add(LabelSet.Of("__name__", "request_duration_seconds_bucket", "job", "job" + (h % 10), "instance", "host" + (h / 10), "le", le));
            }
        }
        for (var i = 0; i < gauges; i++)
        {
            result.Add(LabelSet.Of("__name__", "node_load", "job", "job" + (i % 10), "instance", "host" + i));
        }
        return result;
    }

    /// <summary>Appends <paramref name="hours"/> of samples at <paramref name="stepMs"/> for every series; returns the last timestamp.</summary>
    public static long Load(IStorage storage, int seriesCount, int hours, long stepMs)
    {
        var series = Series(seriesCount);
        var values = Values(series, hours, stepMs);
        for (var s = 0; s < series.Count; s++)
        {
            var appender = storage.Appender();
            for (var i = 0; i < values[s].Length; i++)
            {
                appender.Append(series[s], i * stepMs, values[s][i]);
            }
            appender.Commit();
        }
        return (values[0].Length - 1) * stepMs;
    }

    /// <summary>Every series' values, one per step: counters climb at a per-series pace, gauges wander in [0, 1).</summary>
    public static double[][] Values(List<LabelSet> series, int hours, long stepMs)
    {
        var points = (int)(hours * 3_600_000L / stepMs);
        var random = new Random(42);
        var result = new double[series.Count][];
        for (var s = 0; s < series.Count; s++)
        {
            var value = 0.0;
            var isGauge = series[s].Get("__name__") == "node_load";
            var slope = 1 + random.Next(20);
            result[s] = new double[points];
            for (var i = 0; i < points; i++)
            {
                value = isGauge ? random.NextDouble() : value + (slope * random.NextDouble());
                result[s][i] = value;
            }
        }
        return result;
    }
}
