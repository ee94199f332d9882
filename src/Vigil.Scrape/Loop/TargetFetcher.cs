using System.Globalization;
using System.Net;
using System.IO.Compression;
using Vigil.Model;

namespace Vigil.Scrape.Loop;

/// <summary>The body and Content-Type of one successful scrape request.</summary>
internal readonly record struct FetchedBody(ReadOnlyMemory<byte> Body, string? ContentType);

/// <summary>
/// Performs the HTTP GET of one scrape: upstream's Accept header and timeout header, the timeout measured
/// on the injected clock, the body size limit, and errors worded for the target's last error.
/// </summary>
internal sealed class TargetFetcher(HttpClient http, TimeProvider time)
{
    private const int MinBufferBytes = 16 * 1024;

    private byte[] _buffer = [];

    public async Task<FetchedBody> FetchAsync(Uri url, ScrapeOptions options, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        using var request = BuildRequest(url, options);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new ScrapeFailedException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }
            var body = await ReadLimitedAsync(response.Content, options.Config.Limits.BodySizeLimit, linked.Token).ConfigureAwait(false);
            // The raw header, not the parsed one: a malformed Content-Type must reach ContentNegotiation to be named in the error.
            var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
            return new FetchedBody(body, contentType);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Upstream reports a timed-out scrape with Go's context error; keep the words operators search for.
            throw new ScrapeFailedException("context deadline exceeded");
        }
        catch (HttpRequestException e)
        {
            throw new ScrapeFailedException($"Get {GoString.Quote(url.AbsoluteUri)}: {e.Message}", e);
        }
    }

    private static HttpRequestMessage BuildRequest(Uri url, ScrapeOptions options)
    {
        // Credentials, TLS and proxy come from the job's client (HttpClientFactory), not from here.
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", options.AcceptHeader);
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", options.Timeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("User-Agent", "Vigil");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", options.Config.EnableCompression ? "gzip" : "identity");
        return request;
    }

    /// <summary>
    /// Reads the body into <see cref="_buffer"/>, growing it when a body does not fit. The buffer is kept for the
    /// next scrape: a fresh, doubling MemoryStream per scrape allocated several large-object-heap arrays for a
    /// megabyte body and drove gen2 collections at 1s scrapes. The returned memory is valid until the next fetch,
    /// which the loop only starts after it has appended this one.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancel)
    {
        await using var raw = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var gzip = content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
        await using var stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        // Without a configured limit the body still has to fit one array; past that it is refused rather
        // than letting a gzip bomb or an endless body take the process down.
        var max = limit > 0 ? Math.Min(limit, Array.MaxLength) : Array.MaxLength;
        var length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(FreeSpace(length, max, gzip ? null : content.Headers.ContentLength), cancel).ConfigureAwait(false)) > 0)
            {
                length += read;
                // As upstream, a body that reaches the limit exactly counts as over it.
                if (length >= max)
                {
                    throw new ScrapeFailedException("body size limit exceeded");
                }
            }
        }
        catch (InvalidDataException e) when (gzip)
        {
            throw new ScrapeFailedException($"gzip: {e.Message}", e);
        }
        return _buffer.AsMemory(0, length);
    }

    /// <summary>The unused part of the buffer after <paramref name="length"/> bytes, grown first when it is full.</summary>
    private Memory<byte> FreeSpace(int length, long max, long? expected)
    {
        if (length == _buffer.Length)
        {
            // One byte past the announced length, so the read that finds the end needs no further growth.
            var wanted = Math.Max(length == 0 && expected is > 0 ? expected.Value + 1 : (long)length * 2, MinBufferBytes);
            Array.Resize(ref _buffer, (int)Math.Min(wanted, max));
        }
        return _buffer.AsMemory(length);
    }
}
