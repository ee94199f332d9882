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

    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancel)
    {
        await using var raw = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var gzip = content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase);
        await using var stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        // Without a configured limit the body still has to fit one array; past that it is refused rather
        // than letting a gzip bomb or an endless body take the process down.
        var max = limit > 0 ? Math.Min(limit, Array.MaxLength) : Array.MaxLength;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, (int)Math.Min(read, max - buffer.Length));
                // As upstream, a body that reaches the limit exactly counts as over it.
                if (buffer.Length >= max)
                {
                    throw new ScrapeFailedException("body size limit exceeded");
                }
            }
        }
        catch (InvalidDataException e) when (gzip)
        {
            throw new ScrapeFailedException($"gzip: {e.Message}", e);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
