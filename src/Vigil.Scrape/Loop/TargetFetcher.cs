using System.Globalization;
using System.Net;
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
    private readonly BodyBuffer _body = new();

    public async Task<FetchedBody> FetchAsync(Uri url, ScrapeOptions options, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        using var request = BuildRequest(url, options);
        using var response = await SendAsync(request, url, timeout, stopping, linked.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ScrapeFailedException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }
        try
        {
            var body = await BodyReader.ReadAsync(response.Content, options.Config.Limits.BodySizeLimit, _body, linked.Token).ConfigureAwait(false);
            // The raw header, not the parsed one: a malformed Content-Type must reach ContentNegotiation to be named in the error.
            var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
            return new FetchedBody(body, contentType);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Go reports a deadline hit while reading the body without the request prefix.
            throw new ScrapeFailedException("context deadline exceeded");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ScrapeFailedException(GoNetErrors.Describe(e), e);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, CancellationTokenSource timeout, CancellationToken stopping, CancellationToken cancel)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Upstream's words for a target that did not answer in time, which operators search for.
            throw new ScrapeFailedException($"Get {GoString.Quote(url.AbsoluteUri)}: context deadline exceeded");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ScrapeFailedException($"Get {GoString.Quote(url.AbsoluteUri)}: {GoNetErrors.Describe(e)}", e);
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
}
