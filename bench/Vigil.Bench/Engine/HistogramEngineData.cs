using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Bench.Engine;

/// <summary>
/// The deterministic native histogram data set of the <c>engine-histograms</c> benchmark: request latency
/// histograms (schema 3, 16 positive buckets, counters with a reset every two hours) over 10 jobs, and one
/// series in ten that switches to floats for its last half hour, so mixed windows are timed too.
/// </summary>
public static class HistogramEngineData
{
    /// <summary>The metric name every series of the data set has.</summary>
    public const string Metric = "request_latency_seconds";

    private const int Buckets = 16;

    /// <summary>Appends <paramref name="hours"/> of samples at <paramref name="stepMs"/> for <paramref name="seriesCount"/> series; returns the last timestamp.</summary>
    public static long Load(IStorage storage, int seriesCount, int hours, long stepMs)
    {
        var points = (int)(hours * 3_600_000L / stepMs);
        var floatsFrom = points - (int)(1_800_000 / stepMs);
        var resetEvery = (int)(7_200_000 / stepMs);
        var random = new Random(42);
        for (var s = 0; s < seriesCount; s++)
        {
            var labels = LabelSet.Of("__name__", Metric, "job", "job" + (s % 10), "instance", "host" + (s / 10));
            var mixed = s % 10 == 9;
            var counts = new double[Buckets];
            var appender = storage.Appender();
            for (var i = 0; i < points; i++)
            {
                if (i % resetEvery == 0)
                {
                    Array.Clear(counts);
                }
                for (var b = 0; b < Buckets; b++)
                {
                    counts[b] += random.Next(5 + b);
                }
                if (mixed && i >= floatsFrom)
                {
                    appender.Append(labels, i * stepMs, counts.Sum());
                }
                else
                {
                    appender.AppendHistogram(labels, i * stepMs, Histogram(counts));
                }
            }
            appender.Commit();
        }
        return (points - 1) * stepMs;
    }

    private static FloatHistogram Histogram(double[] counts)
    {
        var count = counts.Sum();
        // Bucket i of schema 3 ends at 2^((offset + i) / 8): offset -40 starts the buckets around 30 ms.
        return new FloatHistogram(3, 0, 0, count, count * 0.25, new BucketRun(-40, counts), BucketRun.Empty);
    }
}
