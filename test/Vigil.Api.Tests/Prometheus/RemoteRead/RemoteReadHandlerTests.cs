using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Chunks;

namespace Vigil.Api.Tests.Prometheus.RemoteRead;

public sealed class RemoteReadHandlerTests
{
    private static readonly WireMatcher UpName = new(0, "__name__", "up");

    private static MemoryStorage Storage(int samplesPerSeries = 3)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        for (var i = 0; i < samplesPerSeries; i++)
        {
            app.Append(LabelSet.Of("__name__", "up", "job", "node"), i * 1000L, i);
            app.Append(LabelSet.Of("__name__", "up", "job", "api", "site", "own"), i * 1000L, 10 + i);
            app.Append(LabelSet.Of("__name__", "other"), i * 1000L, 5);
        }
        app.Commit();
        return storage;
    }

    private static async Task<(int Status, string ContentType, byte[] Body)> Serve(ISeriesQuerier storage, byte[] body, RemoteReadLimits? limits = null, LabelSet? external = null)
    {
        using var handler = new RemoteReadHandler(storage, () => external ?? LabelSet.Empty, limits ?? new RemoteReadLimits(), NullLogger.Instance);
        var ctx = new DefaultHttpContext();
        ctx.Request.Body = new MemoryStream(body);
        var response = new MemoryStream();
        ctx.Response.Body = response;
        await handler.HandleAsync(ctx);
        return (ctx.Response.StatusCode, ctx.Response.ContentType ?? "", response.ToArray());
    }

    private static byte[] Request(IReadOnlyList<int> accepted, params ReadQuery[] queries) => ReadRequestCodec.Encode(new ReadRequest(queries, accepted));

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    [Fact]
    public async Task Handle_SamplesRequest_ReturnsMatchingSeriesInRangeWithExternalLabels()
    {
        var (status, type, body) = await Serve(Storage(), Request([], new ReadQuery(1000, 2000, [UpName])), external: LabelSet.Of("site", "eu", "region", "x"));

        Assert.Equal(200, status);
        Assert.Equal("application/x-protobuf", type);
        var result = Assert.Single(ReadResponseCodec.Decode(body));
        Assert.Equal(2, result.Count);
        // The series' own site label wins over the external one.
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "api", "region", "x", "site", "own"), result[0].Labels);
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "node", "region", "x", "site", "eu"), result[1].Labels);
        Assert.Equal([new Sample(1000, 1), new Sample(2000, 2)], result[1].Samples);
    }

    [Fact]
    public async Task Handle_SamplesRequestOverHistograms_AnswerCarriesThemBesideFloats()
    {
        var storage = Storage();
        var app = storage.Appender();
        var integer = new Vigil.Model.Histograms.FloatHistogram(0, 0, 0, 3, 2, new Vigil.Model.Histograms.BucketRun(0, [1, 2]), Vigil.Model.Histograms.BucketRun.Empty);
        var fractional = new Vigil.Model.Histograms.FloatHistogram(2, 0, 0, 0.5, 2, new Vigil.Model.Histograms.BucketRun(3, [0.5]), Vigil.Model.Histograms.BucketRun.Empty, Vigil.Model.Histograms.CounterResetHint.Gauge);
        app.AppendHistogram(LabelSet.Of("__name__", "up", "job", "hist"), 1000, integer);
        app.AppendHistogram(LabelSet.Of("__name__", "up", "job", "hist"), 2000, fractional);
        app.AppendHistogram(LabelSet.Of("__name__", "up", "job", "hist"), 9000, integer);
        app.Commit();

        var (_, _, body) = await Serve(storage, Request([0], new ReadQuery(0, 5000, [UpName, new WireMatcher(0, "job", "hist")])));

        var series = Assert.Single(Assert.Single(ReadResponseCodec.Decode(body)));
        Assert.Empty(series.Samples);
        Assert.Equal([new HistogramSample(1000, integer), new HistogramSample(2000, fractional)], series.Histograms);
    }

    [Fact]
    public async Task Handle_MatcherOnExternalLabelValue_SelectsSeriesWithoutThatLabel()
    {
        var query = new ReadQuery(0, 5000, [UpName, new WireMatcher(0, "site", "eu")]);

        var (_, _, body) = await Serve(Storage(), Request([0], query), external: LabelSet.Of("site", "eu"));

        var series = Assert.Single(Assert.Single(ReadResponseCodec.Decode(body)));
        Assert.Equal("node", series.Labels.Get("job"));
    }

    [Fact]
    public async Task Handle_TwoQueries_AnswersEachInOrder()
    {
        var (_, _, body) = await Serve(Storage(), Request([], new ReadQuery(0, 5000, [new WireMatcher(0, "__name__", "other")]), new ReadQuery(0, 5000, [UpName])));

        var results = ReadResponseCodec.Decode(body);
        Assert.Equal([1, 2], results.Select(r => r.Count));
    }

    [Theory]
    [InlineData(4, 200)]
    [InlineData(6, 200)]
    [InlineData(3, 400)]
    public async Task Handle_SampleLimit_RefusesQueryOverTheLimit(long limit, int expected)
    {
        var (status, _, body) = await Serve(Storage(), Request([], new ReadQuery(1000, 3000, [UpName])), new RemoteReadLimits(SampleLimit: limit));

        Assert.Equal(expected, status);
        if (expected == 400)
        {
            Assert.Equal($"exceeded sample limit ({limit})\n", Text(body));
        }
    }

    [Fact]
    public async Task Handle_BodyNotSnappy_Answers400InPlainText()
    {
        var (status, type, body) = await Serve(Storage(), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        Assert.Equal(400, status);
        Assert.StartsWith("text/plain", type, StringComparison.Ordinal);
        Assert.StartsWith("snappy: ", Text(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_SnappyButNotProtobuf_Answers400()
    {
        var (status, _, body) = await Serve(Storage(), Snappier.Snappy.CompressToArray([0x0a, 0x7f, 0x01]));

        Assert.Equal(400, status);
        Assert.StartsWith("proto: ", Text(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_OnlyUnsupportedResponseTypes_Answers400NamingThem()
    {
        var (status, _, body) = await Serve(Storage(), Request([7], new ReadQuery(0, 1, [UpName])));

        Assert.Equal(400, status);
        Assert.StartsWith("server does not support any of the requested response types: [7]", Text(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "(", "invalid regular expression")]
    [InlineData(9, "x", "invalid matcher type")]
    public async Task Handle_BadMatcher_Answers500(int type, string value, string message)
    {
        var (status, _, body) = await Serve(Storage(), Request([], new ReadQuery(0, 1, [new WireMatcher(type, "job", value)])));

        Assert.Equal(500, status);
        Assert.Contains(message, Text(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 1, 0 }, ReadResponseType.StreamedXorChunks)]
    [InlineData(new[] { 5, 0, 1 }, ReadResponseType.Samples)]
    [InlineData(new int[0], ReadResponseType.Samples)]
    public void Negotiate_AcceptedTypes_FirstSupportedWins(int[] accepted, ReadResponseType expected) =>
        Assert.Equal(expected, RemoteReadHandler.Negotiate(accepted));

    [Fact]
    public async Task Handle_StreamedChunks_FramesCarryXorChunksOfEverySample()
    {
        var (status, type, body) = await Serve(Storage(300), Request([1, 0], new ReadQuery(0, 300_000, [UpName])), external: LabelSet.Of("site", "eu"));

        Assert.Equal(200, status);
        Assert.Equal("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse", type);
        var messages = await ReadFrames(body);
        Assert.Equal(2, messages.Count);
        var node = Assert.Single(messages[1].Series);
        Assert.Equal(LabelSet.Of("__name__", "up", "job", "node", "site", "eu"), node.Labels);
        Assert.Equal([120, 120, 60], node.Chunks.Select(c => Decode(c).Count));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => new Sample(i * 1000L, i)), node.Chunks.SelectMany(Decode));
        Assert.Equal(120_000, node.Chunks[1].MinTimeMs);
        Assert.Equal(239_000, node.Chunks[1].MaxTimeMs);
    }

    [Fact]
    public async Task Handle_StreamedChunksWithSmallFrameBudget_SplitsSeriesAcrossFrames()
    {
        var (_, _, body) = await Serve(Storage(300), Request([1], new ReadQuery(0, 300_000, [new WireMatcher(0, "job", "node")])), new RemoteReadLimits(MaxBytesInFrame: 50));

        var messages = await ReadFrames(body);
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Single(Assert.Single(m.Series).Chunks));
    }

    [Fact]
    public async Task ChunkedFrameReader_CorruptChecksum_Throws()
    {
        var frame = ChunkedFrames.Frame([1, 2, 3]);
        frame[^1] ^= 0xff;
        var reader = new ChunkedFrameReader(new MemoryStream(frame), 1024);

        var e = await Assert.ThrowsAsync<ReadCodecException>(() => reader.NextAsync(CancellationToken.None));
        Assert.Contains("checksum mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkedFrameReader_FrameOverLimit_ThrowsBeforeReading()
    {
        var reader = new ChunkedFrameReader(new MemoryStream(ChunkedFrames.Frame(new byte[100])), 99);

        var e = await Assert.ThrowsAsync<ReadCodecException>(() => reader.NextAsync(CancellationToken.None));
        Assert.Contains("exceeded the limit 99 bytes; got: 100 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequestCodec_RoundTrip_KeepsQueriesHintsAndTypes()
    {
        var hints = new ReadHints(15_000, "rate", 1, 2, ["job"], true, 300_000);
        var request = new ReadRequest([new ReadQuery(-5, 10, [UpName, new WireMatcher(3, "job", "a|b")], hints)], [1, 0]);

        var decoded = ReadRequestCodec.Decode(ReadRequestCodec.Encode(request));

        var query = Assert.Single(decoded.Queries);
        Assert.Equal((-5L, 10L), (query.StartMs, query.EndMs));
        Assert.Equal(request.Queries[0].Matchers, query.Matchers);
        Assert.Equal(hints with { Grouping = query.Hints!.Grouping }, query.Hints);
        Assert.Equal(["job"], query.Hints.Grouping);
        Assert.Equal([1, 0], decoded.AcceptedResponseTypes);
    }

    private static async Task<List<ChunkedResponse>> ReadFrames(byte[] body)
    {
        var reader = new ChunkedFrameReader(new MemoryStream(body), 1 << 20);
        var messages = new List<ChunkedResponse>();
        while (await reader.NextAsync(CancellationToken.None) is { } frame)
        {
            messages.Add(ChunkedMessages.Decode(frame));
        }
        return messages;
    }

    private static List<Sample> Decode(WireChunk chunk)
    {
        Assert.Equal(WireChunk.Xor, chunk.Encoding);
        var iterator = new XorIterator(chunk.Data);
        var samples = new List<Sample>();
        while (iterator.Next())
        {
            samples.Add(iterator.Current);
        }
        Assert.False(iterator.IsCorrupt);
        return samples;
    }
}
