using System.Diagnostics.Metrics;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Tests.Head;

public sealed class HeadAppendTests
{
    private static readonly LabelSet Up = LabelSet.Of("__name__", "up", "job", "a");

    [Fact]
    public void Commit_BufferedSamples_BecomeVisibleOnlyThen()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(Up, 1000, 1);
        Assert.Empty(head.Select(0, 5000, [Eq("job", "a")]));
        app.Commit();
        var series = Assert.Single(head.Select(0, 5000, [Eq("job", "a")]));
        Assert.Equal([new Sample(1000, 1)], series.Samples(0, 5000));
    }

    [Fact]
    public void Rollback_BufferedSamples_AreDropped()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(Up, 1000, 1);
        app.Rollback();
        Assert.Empty(head.Select(long.MinValue, long.MaxValue, [Eq("job", "a")]));
    }

    [Theory]
    [InlineData(2000L, 5.0, AppendStatus.Ok)]
    [InlineData(1000L, 1.0, AppendStatus.Ok)]
    [InlineData(1000L, 2.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(999L, 1.0, AppendStatus.OutOfOrder)]
    public void Append_AgainstStoredSample_ReportsUpstreamStatus(long t, double v, AppendStatus expected)
    {
        using var head = new TsdbHead();
        Commit(head, (Up, 1000, 1.0));
        Assert.Equal(expected, head.Appender().Append(Up, t, v));
    }

    [Theory]
    [InlineData(2000L, 5.0, AppendStatus.Ok)]
    [InlineData(1000L, 1.0, AppendStatus.Ok)]
    [InlineData(1000L, 2.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(999L, 1.0, AppendStatus.OutOfOrder)]
    public void Append_AgainstSameAppendersBufferedSample_ReportsUpstreamStatus(long t, double v, AppendStatus expected)
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        app.Append(Up, 1000, 1.0);
        Assert.Equal(expected, app.Append(Up, t, v));
    }

    [Fact]
    public void Append_DuplicateOfStaleMarkerBits_IsOkButNaNWithOtherBitsIsDuplicate()
    {
        using var head = new TsdbHead();
        Commit(head, (Up, 1000, StaleNaN.Value));
        Assert.Equal(AppendStatus.Ok, head.Appender().Append(Up, 1000, StaleNaN.Value));
        Assert.Equal(AppendStatus.DuplicateTimestamp, head.Appender().Append(Up, 1000, double.NaN));
    }

    [Fact]
    public void Append_OlderThanHalfAChunkRangeBeforeNewest_IsOutOfBounds()
    {
        using var head = new TsdbHead();
        var newest = 10 * 3_600_000L;
        Commit(head, (Up, newest, 1.0));
        var other = LabelSet.Of("__name__", "other");
        var app = head.Appender();
        Assert.Equal(AppendStatus.OutOfBounds, app.Append(other, newest - 3_600_001, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(other, newest - 3_600_000, 1));
    }

    [Fact]
    public void Append_BelowMinValidTime_IsOutOfBounds()
    {
        using var head = new TsdbHead { MinValidTime = 5000 };
        Assert.Equal(AppendStatus.OutOfBounds, head.Appender().Append(Up, 4999, 1));
    }

    [Fact]
    public void Append_RefusedSamples_AreCountedByReason()
    {
        using var head = new TsdbHead();
        var counts = new Dictionary<string, long>();
        using var listener = ListenTo(head, counts);
        Commit(head, (Up, 10 * 3_600_000L, 1.0));
        var app = head.Appender();
        app.Append(Up, (10 * 3_600_000L) - 1, 1);
        app.Append(Up, 10 * 3_600_000L, 2);
        app.Append(Up, 1, 2);
        Assert.Equal(1, counts.GetValueOrDefault("prometheus_tsdb_out_of_order_samples_total"));
        Assert.Equal(1, counts.GetValueOrDefault("vigil_tsdb_duplicate_samples_total"));
        Assert.Equal(1, counts.GetValueOrDefault("prometheus_tsdb_out_of_bound_samples_total"));
        Assert.Equal(1, counts.GetValueOrDefault("prometheus_tsdb_head_samples_appended_total"));
    }

    [Fact]
    public void Commit_SampleOvertakenByAnotherAppender_IsDroppedAsOutOfOrder()
    {
        using var head = new TsdbHead();
        var slow = head.Appender();
        slow.Append(Up, 1000, 1);
        Commit(head, (Up, 2000, 2.0));
        slow.Commit();
        var series = Assert.Single(head.Select(0, 5000, []));
        Assert.Equal([new Sample(2000, 2)], series.Samples(0, 5000));
    }

    [Fact]
    public void Samples_ManyChunks_ReadBackInRanges()
    {
        using var head = new TsdbHead();
        var app = head.Appender();
        for (var i = 0; i < 1000; i++)
        {
            app.Append(Up, i * 15_000L, i);
        }
        app.Commit();
        var series = Assert.Single(head.Select(0, long.MaxValue, []));
        Assert.Equal(1000, series.Samples(long.MinValue, long.MaxValue).Count());
        var middle = series.Samples(119 * 15_000L, 241 * 15_000L).ToList();
        Assert.Equal(Enumerable.Range(119, 123).Select(i => new Sample(i * 15_000L, i)), middle);
    }

    [Fact]
    public void Samples_StaleMarker_KeepsItsBits()
    {
        using var head = new TsdbHead();
        Commit(head, (Up, 1, 1.0), (Up, 2, StaleNaN.Value));
        var series = Assert.Single(head.Select(0, 10, []));
        Assert.True(series.Samples(0, 10).Last().IsStale);
    }

    internal static void Commit(TsdbHead head, params (LabelSet Labels, long T, double V)[] samples)
    {
        var app = head.Appender();
        foreach (var (labels, t, v) in samples)
        {
            Assert.Equal(AppendStatus.Ok, app.Append(labels, t, v));
        }
        app.Commit();
    }

    internal static Matcher Eq(string name, string value) => new(MatcherType.Equal, name, value);

    private static MeterListener ListenTo(TsdbHead head, Dictionary<string, long> counts)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, head.Metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counts)
            {
                counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        return listener;
    }
}
