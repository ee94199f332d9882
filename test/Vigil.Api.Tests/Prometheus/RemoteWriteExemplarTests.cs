using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Labels;
using Vigil.Storage.Exemplars;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Head;
using static Vigil.Api.Tests.Prometheus.RemoteWriteEncoder;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RemoteWriteExemplarTests
{
    private static readonly (string, string)[] Up = [("__name__", "up"), ("job", "node")];
    private static readonly IReadOnlyList<IReadOnlyList<Matcher>> Node = [[new Matcher(MatcherType.Equal, "job", "node")]];
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));

    private static WriteOutcome Write(Vigil.Storage.IStorage storage, params Series[] series)
    {
        using var metrics = new RemoteWriteMetrics();
        return new RemoteWriteHandler(storage, metrics, NullLogger.Instance, Clock).Handle(Encode(series));
    }

    private static TsdbHead Head(long capacity = 10)
    {
        var head = new TsdbHead();
        head.Exemplars.Resize(capacity);
        return head;
    }

    [Fact]
    public void Handle_SeriesWithExemplars_StoredWithSeriesLabels()
    {
        using var head = Head();
        var outcome = Write(head, new Series(Up, [(1000, 1)]) { Exemplars = [([("trace_id", "abc"), ("empty", "")], 0.5, 900)] });
        Assert.Equal(204, outcome.StatusCode);
        var found = Assert.Single(head.Exemplars.SelectExemplars(0, 2000, Node));
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "node"), found.SeriesLabels);
        Assert.Equal(new Exemplar(LabelSet.Of("trace_id", "abc"), 0.5, 900), Assert.Single(found.Exemplars));
    }

    [Fact]
    public void Handle_OutOfOrderAndFutureExemplars_DroppedRequestStillSucceeds()
    {
        using var head = Head();
        Write(head, new Series(Up, [(1000, 1)]) { Exemplars = [([("trace_id", "new")], 1, 1000)] });
        var outcome = Write(head, new Series(Up, [(2000, 1)])
        {
            Exemplars = [([("trace_id", "old")], 1, 500), ([("trace_id", "future")], 1, 100_000_000)],
        });
        Assert.Equal(204, outcome.StatusCode);
        Assert.Equal(["new"], head.Exemplars.SelectExemplars(long.MinValue, long.MaxValue, Node).SelectMany(s => s.Exemplars).Select(e => e.Labels.Get("trace_id")));
    }

    [Fact]
    public void Handle_StorageWithoutExemplars_SamplesStillStored()
    {
        var storage = new MemoryStorage();
        var outcome = Write(storage, new Series(Up, [(1000, 1)]) { Exemplars = [([("trace_id", "abc")], 1, 1000)] });
        Assert.Equal(204, outcome.StatusCode);
        Assert.Single(storage.Select(0, 2000, Node[0]));
    }

    [Fact]
    public void Handle_ExemplarStorageOff_Dropped()
    {
        using var head = Head(capacity: 0);
        Assert.Equal(204, Write(head, new Series(Up, [(1000, 1)]) { Exemplars = [([("trace_id", "abc")], 1, 1000)] }).StatusCode);
        Assert.Empty(head.Exemplars.SelectExemplars(long.MinValue, long.MaxValue, Node));
    }
}
