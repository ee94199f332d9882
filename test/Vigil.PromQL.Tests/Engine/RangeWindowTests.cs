using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Engine;

/// <summary>
/// Range functions read each series' window as a slice of the prefetched samples, and range results are
/// assembled by matching each step's label sets against the previous step's. These pin the edges of both:
/// staleness markers inside windows, series appearing and disappearing, duplicates appearing mid-query.
/// </summary>
public sealed class RangeWindowTests
{
    private static readonly LabelSet Steady = LabelSet.Of("__name__", "x", "a", "1");
    private static readonly LabelSet Late = LabelSet.Of("__name__", "x", "a", "2");

    // Steady: a sample every minute from 0 to 20m, a staleness marker at 10m. Late: from 12m on.
    private static MemoryStorage Data()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i <= 20; i++)
        {
            app.Append(Steady, i * 60_000L, i == 10 ? StaleNaN.Value : i);
            if (i >= 12)
            {
                app.Append(Late, i * 60_000L, 100 + i);
            }
        }
        app.Commit();
        return storage;
    }

    [Theory]
    [InlineData("count_over_time(x{a=\"1\"}[5m])", 660_000, 4)]
    [InlineData("count_over_time(x{a=\"1\"}[5m])", 900_000, 5)]
    [InlineData("sum_over_time(x{a=\"1\"}[3m])", 660_000, 9 + 11)]
    [InlineData("last_over_time(x{a=\"1\"}[2m])", 600_000, 9)]
    [InlineData("changes(x{a=\"1\"}[5m])", 720_000, 3)]
    public void Instant_WindowWithStalenessMarker_MarkerLeftOut(string query, long t, double expected)
    {
        var sample = Assert.Single(((VectorValue)new QueryEngine().Instant(Data(), query, t).Value).Samples);

        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void Range_StalenessMarkerInWindow_CountsOnlySamples()
    {
        var result = (MatrixValue)new QueryEngine().Range(Data(), "count_over_time(x{a=\"1\"}[5m])", 540_000, 960_000, 60_000).Value;

        var series = Assert.Single(result.Series);
        Assert.Equal([5, 4, 4, 4, 4, 4, 5, 5], series.Points.Select(p => p.Value));
    }

    [Fact]
    public void Range_SeriesAppearsMidQuery_EachSeriesGetsItsOwnPoints()
    {
        var result = (MatrixValue)new QueryEngine().Range(Data(), "last_over_time(x[1m])", 600_000, 840_000, 60_000).Value;

        // At 10m the only sample of Steady in (9m, 10m] is its staleness marker: no point there.
        Assert.Equal([Steady, Late], result.Series.Select(s => s.Metric));
        Assert.Equal([660_000L, 720_000, 780_000, 840_000], result.Series[0].Points.Select(p => p.Timestamp));
        Assert.Equal([11.0, 12, 13, 14], result.Series[0].Points.Select(p => p.Value));
        Assert.Equal([720_000L, 780_000, 840_000], result.Series[1].Points.Select(p => p.Timestamp));
        Assert.Equal([112.0, 113, 114], result.Series[1].Points.Select(p => p.Value));
    }

    [Fact]
    public void Range_DuplicateLabelSetsFromALaterStep_Fails()
    {
        var engine = new QueryEngine();

        var e = Assert.Throws<QueryException>(() => engine.Range(Data(), "label_replace(x, \"a\", \"same\", \"\", \"\")", 0, 1_200_000, 60_000));
        Assert.Contains("same labelset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PointAndSample_SameLayout_WindowsMayReinterpretSamples()
    {
        // Range windows view Sample arrays as Point spans; this breaks loudly if either struct changes shape.
        Sample[] samples = [new(1, 1.5), new(-2, double.NegativeInfinity)];

        var points = System.Runtime.InteropServices.MemoryMarshal.Cast<Sample, Point>(samples);

        Assert.Equal([new Point(1, 1.5), new Point(-2, double.NegativeInfinity)], points.ToArray());
    }
}
