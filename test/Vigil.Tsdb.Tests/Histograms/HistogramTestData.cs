using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Tests.Histograms;

/// <summary>Histograms and helpers shared by the histogram storage tests.</summary>
internal static class HistogramTestData
{
    public static readonly LabelSet Series = LabelSet.Of("__name__", "latency", "job", "api");

    /// <summary>A growing counter histogram: the n-th has n observations spread over three buckets and the zero bucket.</summary>
    public static FloatHistogram Counter(int n, CounterResetHint hint = CounterResetHint.Unknown) =>
        new(1, 0.001, n, 4 * n, 2.5 * n, new BucketRun(-1, [n, 0, n]), new BucketRun(2, [n]), hint);

    public static FloatHistogram Custom(double scale) =>
        new(FloatHistogram.CustomBucketsSchema, 0, 0, 6 * scale, 10 * scale, new BucketRun(0, [scale, 2 * scale, 3 * scale]), BucketRun.Empty,
            customValues: [0.5, 1, 2.5]);

    public static List<HistogramSample> Read(ISeriesQuerier storage, long mint = long.MinValue, long maxt = long.MaxValue) =>
        storage.Select(mint, maxt, MatcherParser.ParseList("{__name__=\"latency\"}")).SelectMany(s => s.HistogramSamples(mint, maxt)).ToList();

    public static AppendStatus AppendOne(IStorage storage, long t, FloatHistogram h)
    {
        var app = storage.Appender();
        var status = app.AppendHistogram(Series, t, h);
        app.Commit();
        return status;
    }
}
