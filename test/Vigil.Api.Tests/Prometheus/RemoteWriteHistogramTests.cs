using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using static Vigil.Api.Tests.Prometheus.RemoteWriteEncoder;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RemoteWriteHistogramTests
{
    private static readonly (string, string)[] Latency = [("__name__", "latency"), ("job", "api")];

    // Buckets 0, 1 and (after a gap of 2) 4, 5 as deltas 2, +1, -2, +3 -> counts 2, 3, 1, 4; negative bucket 1 -> 1.
    private static readonly HistogramProto Integer = new(1000)
    {
        CountInt = 14, Sum = 21.5, Schema = 1, ZeroThreshold = 0.001, ZeroCountInt = 3,
        PositiveSpans = [(0, 2), (2, 2)], PositiveDeltas = [2, 1, -2, 3],
        NegativeSpans = [(1, 1)], NegativeDeltas = [1], ResetHint = 2,
    };

    [Fact]
    public void Handle_IntegerHistogram_SpansAndDeltasBecomeDenseBuckets()
    {
        var (outcome, stored) = Write(Integer);
        Assert.Equal(204, outcome.StatusCode);
        var expected = new FloatHistogram(1, 0.001, 3, 14, 21.5, new BucketRun(0, [2, 3, 0, 0, 1, 4]), new BucketRun(1, [1]), CounterResetHint.NotReset);
        Assert.Equal(expected.WithHint(CounterResetHint.Unknown), Assert.Single(stored).Histogram);
    }

    [Fact]
    public void Handle_FloatHistogram_AbsoluteCounts()
    {
        var (outcome, stored) = Write(new HistogramProto(1000)
        {
            CountFloat = 3.5, Sum = 2, Schema = 0, ZeroCountFloat = 0.5, PositiveSpans = [(-1, 2)], PositiveCounts = [1.25, 1.75],
        });
        Assert.Equal(204, outcome.StatusCode);
        Assert.Equal(new FloatHistogram(0, 0, 0.5, 3.5, 2, new BucketRun(-1, [1.25, 1.75]), BucketRun.Empty), Assert.Single(stored).Histogram);
    }

    [Fact]
    public void Handle_CustomBuckets_BoundsKept()
    {
        var (outcome, stored) = Write(new HistogramProto(1000)
        {
            CountFloat = 6, Sum = 10, Schema = FloatHistogram.CustomBucketsSchema, PositiveSpans = [(0, 3)], PositiveCounts = [1, 2, 3], CustomValues = [1, 5],
        });
        Assert.Equal(204, outcome.StatusCode);
        Assert.Equal([1.0, 5], Assert.Single(stored).Histogram.CustomValues);
    }

    public static TheoryData<HistogramProto, string> Invalid => new()
    {
        { new HistogramProto(1000) { CountInt = 1, PositiveSpans = [(0, 2)], PositiveDeltas = [1] }, "positive side: spans need 2 buckets, have 1 buckets" },
        { new HistogramProto(1000) { CountInt = 1, PositiveSpans = [(0, 2)], PositiveDeltas = [1, -2] }, "positive side: bucket number 2 has observation count of -1" },
        { new HistogramProto(1000) { CountInt = 5, PositiveSpans = [(0, 1)], PositiveDeltas = [2] }, "2 observations found in buckets, but the Count field is 5" },
        { new HistogramProto(1000) { CountInt = 1, PositiveSpans = [(0, 1), (-1, 1)], PositiveDeltas = [1, 0] }, "span number 2 with offset -1" },
        { new HistogramProto(1000) { CountInt = 0, Schema = 9 }, "schema 9 is not supported" },
        { new HistogramProto(1000) { CountFloat = 1, Schema = -53, PositiveSpans = [(0, 1)], PositiveCounts = [1], CustomValues = [2, 1] }, "strictly increasing" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Handle_InvalidHistogram_400NamingSeriesAndProblem(HistogramProto histogram, string problem)
    {
        var (outcome, stored) = Write(histogram);
        Assert.Equal(400, outcome.StatusCode);
        Assert.Contains("{__name__=\"latency\", job=\"api\"}", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(problem, outcome.Error, StringComparison.Ordinal);
        Assert.Empty(stored);
    }

    [Fact]
    public void Handle_OutOfOrderHistogram_400AndRolledBack()
    {
        var storage = new Tsdb.Head.TsdbHead();
        Assert.Equal(204, Write(Integer, storage).Outcome.StatusCode);
        var older = new HistogramProto(500) { CountInt = 0 };
        var (outcome, stored) = Write(older, storage);
        Assert.Equal(new WriteOutcome(400, "out of order sample"), outcome);
        Assert.Single(stored);
    }

    private static (WriteOutcome Outcome, List<HistogramSample> Stored) Write(HistogramProto histogram, IStorage? storage = null)
    {
        storage ??= new MemoryStorage();
        using var metrics = new RemoteWriteMetrics();
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var outcome = new RemoteWriteHandler(storage, metrics, NullLogger.Instance, clock)
            .Handle(Encode([new Series(Latency, []) { Histograms = [histogram.Build()] }]));
        var stored = storage.Select(0, 10_000, [new Matcher(MatcherType.Equal, "job", "api")]).SelectMany(s => s.HistogramSamples(0, 10_000)).ToList();
        return (outcome, stored);
    }
}
