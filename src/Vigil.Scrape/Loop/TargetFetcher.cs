using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vigil.Model;
using Vigil.Scrape.Parsing;

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
            return new FetchedBody(body, response.Content.Headers.ContentType?.ToString());
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
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ContentNegotiation.AcceptHeader(utf8Names: false));
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", options.Timeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("User-Agent", "Vigil");
        if (options.Config.EnableCompression)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        }
        var auth = options.Config.Http;
        if (auth.BasicAuthUsername.Length > 0)
        {
            var pair = auth.BasicAuthUsername + ":" + (auth.BasicAuthPassword?.Reveal() ?? "");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else if (auth.AuthorizationCredentials is { IsEmpty: false } credentials)
        {
            var scheme = auth.AuthorizationType.Length > 0 ? auth.AuthorizationType : "Bearer";
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, credentials.Reveal());
        }
        return request;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancel)
    {
        await using var stream = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (limit > 0 && buffer.Length > limit)
            {
                throw new ScrapeFailedException("body size limit exceeded");
            }
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
