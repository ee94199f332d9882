using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using static Vigil.Api.Tests.Prometheus.RemoteWriteEncoder;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RemoteWriteHandlerTests
{
    private static readonly (string, string)[] Up = [("__name__", "up"), ("job", "node")];

    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));

    private static (WriteOutcome Outcome, IStorage Storage) Write(byte[] body, IStorage? storage = null)
    {
        storage ??= new MemoryStorage();
        using var metrics = new RemoteWriteMetrics();
        var outcome = new RemoteWriteHandler(storage, metrics, NullLogger.Instance, Clock).Handle(body);
        return (outcome, storage);
    }

    private static List<Sample> Stored(IStorage storage, string name) =>
        [.. storage.Select(long.MinValue, long.MaxValue, [new Matcher(MatcherType.Equal, "__name__", name)]).SelectMany(s => s.Samples(long.MinValue, long.MaxValue))];

    [Fact]
    public void Handle_ValidRequest_204AndEverySampleStored()
    {
        var body = Encode([new Series(Up, [(1000, 1), (2000, 0.5)]), new Series([("__name__", "other")], [(1000, double.NaN)])]);
        var (outcome, storage) = Write(body);
        Assert.Equal(new WriteOutcome(204, ""), outcome);
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 0.5)], Stored(storage, "up"));
        Assert.Single(Stored(storage, "other"));
    }

    [Fact]
    public void Handle_UnsortedLabels_SortedAndStored()
    {
        var (outcome, storage) = Write(Encode([new Series([("job", "node"), ("__name__", "up")], [(1000, 1)])]));
        Assert.Equal(204, outcome.StatusCode);
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "node"), storage.Select(0, 2000, [new Matcher(MatcherType.Equal, "job", "node")]).Single().Labels);
    }

    [Fact]
    public void Handle_HistogramsOnly_StoredAsHistogramsNotFloats()
    {
        var (outcome, storage) = Write(Encode([new Series(Up, []) { Histograms = [new HistogramProto(1000).Build(), new HistogramProto(2000).Build()] }]));
        Assert.Equal(204, outcome.StatusCode);
        Assert.Empty(Stored(storage, "up"));
        Assert.Equal(2, storage.Select(0, 5000, [new Matcher(MatcherType.Equal, "__name__", "up")]).Single().HistogramSamples(0, 5000).Count());
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 }, "snappy: corrupt input")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x07, 0x00 }, "snappy: corrupt input (the body must be snappy block-compressed): announced length 2147483647 cannot come from 6 bytes")]
    public void Handle_NotSnappy_400(byte[] body, string prefix)
    {
        var (outcome, _) = Write(body);
        Assert.Equal(400, outcome.StatusCode);
        Assert.StartsWith(prefix, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_SnappyButNotProtobuf_400()
    {
        var (outcome, _) = Write(Snappier.Snappy.CompressToArray([0x0a, 0xff, 0xff, 0x01]));
        Assert.Equal(400, outcome.StatusCode);
        Assert.StartsWith("proto: cannot parse WriteRequest", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("job,node", "has no __name__ label")]
    [InlineData("__name__,up,job,a,job,b", "duplicated label job")]
    [InlineData("__name__,up,,x", "invalid label name \"\"")]
    public void Handle_InvalidLabels_400AndNothingStored(string labels, string message)
    {
        var parts = labels.Split(',');
        var pairs = Enumerable.Range(0, parts.Length / 2).Select(i => (parts[2 * i], parts[(2 * i) + 1])).ToArray();
        var (outcome, storage) = Write(Encode([new Series(Up, [(1000, 1)]), new Series(pairs, [(1000, 1)])]));
        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains(message, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(Stored(storage, "up"));
    }

    [Theory]
    [InlineData(AppendStatus.OutOfOrder, "out of order sample")]
    [InlineData(AppendStatus.OutOfBounds, "out of bounds")]
    [InlineData(AppendStatus.DuplicateTimestamp, "duplicate sample for timestamp")]
    public void Handle_StorageRefusesSample_400AndWholeRequestRolledBack(AppendStatus status, string message)
    {
        var storage = new RefusingStorage(refuseAt: 2000, status);
        var (outcome, _) = Write(Encode([new Series(Up, [(1000, 1), (2000, 2)])]), storage);
        Assert.Equal(new WriteOutcome(400, message), outcome);
        Assert.Empty(Stored(storage, "up"));
    }

    [Theory]
    [InlineData(600_000, 204)]
    [InlineData(600_001, 400)]
    public void Handle_SampleAheadOfClock_400BeyondTenMinutes(long ahead, int status)
    {
        var (outcome, storage) = Write(Encode([new Series(Up, [(1000, 1), (1_000_000 + ahead, 2)])]));
        Assert.Equal(status, outcome.StatusCode);
        Assert.Equal(status == 204 ? 2 : 0, Stored(storage, "up").Count);
        if (status == 400)
        {
            Assert.Equal("out of bounds: timestamp is too far in the future", outcome.Error);
        }
    }

    /// <summary>Memory storage that refuses the sample at one timestamp, as a TSDB refuses an out-of-order one.</summary>
    private sealed class RefusingStorage(long refuseAt, AppendStatus status) : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public IAppender Appender() => new RefusingAppender(_inner.Appender(), refuseAt, status);

        public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _inner.Select(mint, maxt, matchers);

        public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _inner.LabelNames(mint, maxt, matchers);

        public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) => _inner.LabelValues(name, mint, maxt, matchers);
    }

    private sealed class RefusingAppender(IAppender inner, long refuseAt, AppendStatus status) : IAppender
    {
        public AppendStatus Append(LabelSet labels, long timestamp, double value) =>
            timestamp == refuseAt ? status : inner.Append(labels, timestamp, value);

        public void Commit() => inner.Commit();

        public void Rollback() => inner.Rollback();
    }
}
