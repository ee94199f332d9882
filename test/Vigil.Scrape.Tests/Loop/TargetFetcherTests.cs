using System.IO.Compression;
using System.Text;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Loop;

namespace Vigil.Scrape.Tests.Loop;

public sealed class TargetFetcherTests
{
    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }

    private static Func<HttpContent> Gzipped(byte[] compressed) => () =>
    {
        var content = new ByteArrayContent(compressed);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    };

    private static LoopFixture WithLimit(long limit) =>
        new(LoopFixture.NewConfig() with { Limits = new ScrapeLimits { BodySizeLimit = limit } });

    [Fact]
    public async Task ScrapeOnce_GzipBody_Decompressed()
    {
        var f = new LoopFixture();
        f.Exporter.Content = Gzipped(Gzip(Encoding.UTF8.GetBytes("a 1\nb 2\n")));

        var health = await f.ScrapeAsync("");

        Assert.Equal(HealthState.Up, health.Health);
        Assert.Equal(2, f.Storage.Last("scrape_samples_scraped"));
        Assert.Equal("gzip", f.Exporter.Requests[0].Headers.NonValidated["Accept-Encoding"].ToString());
    }

    [Fact]
    public async Task ScrapeOnce_CompressionDisabled_AsksForIdentity()
    {
        var f = new LoopFixture(LoopFixture.NewConfig() with { EnableCompression = false });

        await f.ScrapeAsync("a 1\n");

        Assert.Equal("identity", f.Exporter.Requests[0].Headers.NonValidated["Accept-Encoding"].ToString());
    }

    [Fact]
    public async Task ScrapeOnce_GzipBombOverLimit_StopsAtLimit()
    {
        var f = WithLimit(1 << 20);
        // 64 MiB of zeros compresses to about 64 KiB; only the limit's worth is ever decompressed.
        f.Exporter.Content = Gzipped(Gzip(new byte[64 << 20]));

        var health = await f.ScrapeAsync("");

        Assert.Equal("body size limit exceeded", health.LastError);
    }

    [Theory]
    [InlineData(8, "body size limit exceeded")]
    [InlineData(9, "")]
    public async Task ScrapeOnce_BodyAtLimit_CountsAsOverLikeUpstream(long limit, string error)
    {
        var f = WithLimit(limit);

        var health = await f.ScrapeAsync("a 1\nb 2\n");

        Assert.Equal(error, health.LastError);
    }

    [Fact]
    public async Task ScrapeOnce_TruncatedGzip_DownWithGzipError()
    {
        var f = new LoopFixture();
        var whole = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"m{i} {i}\n"))));
        f.Exporter.Content = Gzipped(whole[..(whole.Length / 2)]);

        var health = await f.ScrapeAsync("");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("unexpected EOF", health.LastError);
        Assert.Empty(f.Storage.Named("m0"));
    }

    [Fact]
    public async Task ScrapeOnce_NotGzipAtAll_DownWithGzipError()
    {
        var f = new LoopFixture();
        f.Exporter.Content = Gzipped(Encoding.UTF8.GetBytes("a 1\n"));

        var health = await f.ScrapeAsync("");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.StartsWith("gzip: ", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeOnce_BodyEndsEarly_UnexpectedEof()
    {
        var f = new LoopFixture();
        f.Exporter.Content = () => new StreamContent(new FailingStream(new HttpIOException(HttpRequestError.ResponseEnded)));

        var health = await f.ScrapeAsync("");

        Assert.Equal("unexpected EOF", health.LastError);
    }

    [Fact]
    public async Task ScrapeOnce_UnexpectedExceptionFromHandler_LoopReportsItAndKeepsGoing()
    {
        var f = new LoopFixture();
        f.Exporter.Content = () => new StreamContent(new FailingStream(new InvalidOperationException("handler bug")));

        var first = await f.ScrapeAsync("");
        f.Exporter.Content = null;
        var second = await f.ScrapeAsync("a 1\n");

        Assert.Equal(("handler bug", HealthState.Up), (first.LastError, second.Health));
    }

    /// <summary>A body stream that fails on the first read.</summary>
    private sealed class FailingStream(Exception error) : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw error;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(error);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(error);
    }
}
