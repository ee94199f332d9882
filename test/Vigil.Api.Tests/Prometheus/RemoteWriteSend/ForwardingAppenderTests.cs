using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Forwarding;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

public sealed class ForwardingAppenderTests
{
    private sealed class Recorder : ICommitForwarder
    {
        public List<List<ForwardedSample>> Batches { get; } = [];

        public bool Active => true;

        public void Forward(List<ForwardedSample> committed) => Batches.Add(committed);
    }

    /// <summary>Refuses samples older than 1500 ms, as a head refuses out-of-order ones.</summary>
    private sealed class Picky(IAppender inner) : IAppender
    {
        public AppendStatus Append(LabelSet labels, long timestamp, double value) =>
            timestamp < 1500 ? AppendStatus.OutOfOrder : inner.Append(labels, timestamp, value);

        public void Commit() => inner.Commit();

        public void Rollback() => inner.Rollback();
    }

    [Fact]
    public void Commit_AcceptedSamples_ForwardedAfterTheInnerCommit()
    {
        var storage = new MemoryStorage();
        var recorder = new Recorder();
        var appender = new ForwardingAppender(new Picky(storage.Appender()), recorder);
        var up = LabelSet.Of("__name__", "up");

        Assert.Equal(AppendStatus.Ok, appender.Append(up, 2000, 1));
        Assert.Equal(AppendStatus.OutOfOrder, appender.Append(up, 1000, 0));
        Assert.Empty(recorder.Batches);
        appender.Commit();

        var batch = Assert.Single(recorder.Batches);
        Assert.Equal([new ForwardedSample(up, 2000, 1)], batch);
    }

    [Fact]
    public void Rollback_ThenCommit_ForwardsOnlyTheLaterSamples()
    {
        var recorder = new Recorder();
        var appender = new ForwardingAppender(new MemoryStorage().Appender(), recorder);

        appender.Append(LabelSet.Of("__name__", "a"), 1000, 1);
        appender.Rollback();
        appender.Commit();
        appender.Append(LabelSet.Of("__name__", "b"), 1000, 2);
        appender.Commit();

        var batch = Assert.Single(recorder.Batches);
        Assert.Equal("b", batch.Single().Labels.Get("__name__"));
    }

    [Fact]
    public void AppendByHandle_HeadBehind_HandleRenewedByTheHeadAndLabelsForwarded()
    {
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        var recorder = new Recorder();
        var up = LabelSet.Of("__name__", "up");
        var handle = SeriesRef.None;

        var first = new ForwardingAppender(head.Appender(), recorder);
        Assert.Equal(AppendStatus.Ok, first.Append(ref handle, up, 1000, 1));
        first.Commit();
        var issued = handle;
        var second = new ForwardingAppender(head.Appender(), recorder);
        Assert.Equal(AppendStatus.OutOfOrder, second.Append(ref handle, up, 500, 9));
        Assert.Equal(AppendStatus.Ok, second.Append(ref handle, up, 2000, 2));
        second.Commit();

        Assert.NotEqual(SeriesRef.None, issued);
        Assert.Equal(issued, handle);
        Assert.Equal([new ForwardedSample(up, 1000, 1), new ForwardedSample(up, 2000, 2)], recorder.Batches.SelectMany(b => b));
    }

    [Fact]
    public void AppendHistogram_Accepted_ForwardedWithTheHistogram()
    {
        var recorder = new Recorder();
        using var head = new Vigil.Tsdb.Head.TsdbHead();
        var appender = new ForwardingAppender(head.Appender(), recorder);
        var h = new Vigil.Model.Histograms.FloatHistogram(0, 0, 0, 1, 1, new Vigil.Model.Histograms.BucketRun(0, [1]), Vigil.Model.Histograms.BucketRun.Empty);

        Assert.Equal(AppendStatus.Ok, appender.AppendHistogram(LabelSet.Of("__name__", "h"), 1000, h));
        appender.Commit();

        var sample = Assert.Single(Assert.Single(recorder.Batches));
        Assert.True(sample.IsHistogram);
        Assert.Equal(h, sample.Histogram);
    }
}
