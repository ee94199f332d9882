using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

public sealed class HistogramPrefetchTests
{
    private static FloatHistogram Counter(double count) => new(0, 0, 0, count, count, new BucketRun(1, [count]), BucketRun.Empty);

    // Every 60s from 0s to 240s: "c" a counter histogram counting up from 1; "r" 1 2 1 4 5, a reset at 120s;
    // "m" histograms up to 120s, then floats.
    private static MemoryStorage Storage()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        double[] r = [1, 2, 1, 4, 5];
        for (var i = 0; i < 5; i++)
        {
            app.AppendHistogram(LabelSet.Of("__name__", "c"), i * 60_000L, Counter(i + 1));
            app.AppendHistogram(LabelSet.Of("__name__", "r"), i * 60_000L, Counter(r[i]));
            if (i < 3)
            {
                app.AppendHistogram(LabelSet.Of("__name__", "m"), i * 60_000L, Counter(i + 1));
            }
            else
            {
                app.Append(LabelSet.Of("__name__", "m"), i * 60_000L, i);
            }
        }
        app.Commit();
        return storage;
    }

    /// <summary>Counts the selections a query makes, to see whether its selectors were read once or at every step.</summary>
    private sealed class CountingQuerier(ISeriesQuerier inner) : ISeriesQuerier
    {
        public int Selects { get; private set; }

        public bool MayHoldHistograms => true;

        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers)
        {
            Selects++;
            return inner.Select(mint, maxt, matchers);
        }
    }

    [Theory]
    [InlineData("c")]
    [InlineData("m")]
    [InlineData("rate(c[2m])")]
    [InlineData("sum(rate(m[2m]))")]
    [InlineData("histogram_count(rate(r[2m]))")]
    [InlineData("histogram_quantile(0.5, c)")]
    [InlineData("increase(r[1m] smoothed)")]
    [InlineData("resets(m[1m] anchored)")]
    [InlineData("c smoothed")]
    [InlineData("histogram_count(r smoothed)")]
    public void Range_HistogramSelector_ReadsStorageOncePerQuery(string query)
    {
        var querier = new CountingQuerier(Storage());

        new QueryEngine(new EngineOptions { Parser = ParserOptions.AllEnabled }).Range(querier, query, 0, 240_000, 15_000);

        Assert.Equal(1, querier.Selects);
    }

    [Fact]
    public void Range_StatsOnlyWindowStartingAtAReset_KeepsTheStoredHint()
    {
        // The step at 180s sees the histograms at 120s (a reset, read back with an unknown hint) and 180s; the
        // prefetched stretch starts at 0s. A read of that window alone gives the first histogram its stored hint,
        // not "reset" from comparing with the one at 60s, so no conflicting hints are reported.
        var result = new QueryEngine().Range(Storage(), "histogram_count(sum_over_time(r[61s]))", 60_000, 180_000, 120_000);

        Assert.Empty(result.Warnings);
        var series = Assert.Single(((MatrixValue)result.Value).Series);
        Assert.Equal([3.0, 5.0], series.Points.Select(p => p.Value));
    }

    [Theory]
    [InlineData("histogram_count(c)")]
    [InlineData("histogram_count(sum_over_time(r[2m]))")]
    [InlineData("histogram_sum(rate(r[90s]))")]
    [InlineData("sum(r)")]
    [InlineData("last_over_time(m[1m])")]
    public void Range_HistogramSelector_EachStepEqualsTheInstantQuery(string query)
    {
        var storage = Storage();
        var engine = new QueryEngine();
        var range = engine.Range(storage, query, 0, 240_000, 30_000);
        var series = ((MatrixValue)range.Value).Series;

        for (var t = 0L; t <= 240_000; t += 30_000)
        {
            var instant = ((VectorValue)engine.Instant(storage, query, t).Value).Samples;
            foreach (var sample in instant)
            {
                var s = series.Single(x => x.Metric.Equals(sample.Metric));
                if (sample.Histogram is { } h)
                {
                    var step = s.Histograms!.Single(x => x.Timestamp == t).Histogram;
                    Assert.True(h.Equals(step), $"{query} at {t}: {h} != {step}");
                }
                else
                {
                    Assert.Equal(sample.Value, s.Points.Single(p => p.Timestamp == t).Value, 12);
                }
            }
        }
    }
}
