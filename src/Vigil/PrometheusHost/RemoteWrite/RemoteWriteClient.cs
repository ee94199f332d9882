using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Vigil.Config;
using Vigil.Config.Prometheus;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// Sends one encoded batch to a remote write endpoint with the 1.0 protocol's headers and says whether a
/// failure is worth retrying, as upstream decides it: network errors, timeouts and 5xx are; 429 is when
/// <c>retry_on_http_429</c> is set; any other status is not.
/// </summary>
public sealed class RemoteWriteClient
{
    private const int MaxErrorBodyBytes = 1024;

    private readonly HttpClient _http;
    private readonly RemoteWriteConfig _config;
    private readonly Uri _url;
    private readonly TimeProvider _time;

    /// <summary>Creates a client for <paramref name="config"/>'s endpoint, sending through <paramref name="http"/>.</summary>
    public RemoteWriteClient(HttpClient http, RemoteWriteConfig config, TimeProvider time)
    {
        _http = http;
        _config = config;
        _url = new Uri(config.Url);
        _time = time;
        RedactedUrl = Redact(_url);
    }

    /// <summary>The endpoint with any password in its user info replaced, safe for logs and metrics.</summary>
    public string RedactedUrl { get; }

    /// <summary>POSTs <paramref name="body"/> (snappy-compressed WriteRequest); <paramref name="attempt"/> counts earlier tries.</summary>
    public async Task<SendOutcome> SendAsync(byte[] body, int attempt, CancellationToken cancellationToken)
    {
        using var request = Request(body, attempt);
        using var timeout = new CancellationTokenSource(_config.RemoteTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return await OutcomeOf(response, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(false, true, $"Post \"{RedactedUrl}\": context deadline exceeded (remote_timeout {_config.RemoteTimeout.TotalSeconds}s)");
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(false, true, $"Post \"{RedactedUrl}\": {e.Message}");
        }
    }

    private HttpRequestMessage Request(byte[] body, int attempt)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = content };
        request.Headers.UserAgent.ParseAdd($"Vigil/{Api.Metrics.BuildInfo.Current.Version}");
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        if (attempt > 0)
        {
            request.Headers.Add("Retry-Attempt", attempt.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var (name, value) in _config.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private async Task<SendOutcome> OutcomeOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status / 100 == 2)
        {
            return SendOutcome.Ok;
        }
        var error = $"server returned HTTP status {status} {response.ReasonPhrase}: {await ErrorBody(response, cancellationToken)}";
        var recoverable = status / 100 == 5 || (status == (int)HttpStatusCode.TooManyRequests && _config.Queue.RetryOnRateLimit);
        return new SendOutcome(false, recoverable, error, recoverable ? RetryAfter(response, _time.GetUtcNow()) : null);
    }

    private static async Task<string> ErrorBody(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ErrorBodyStartAsync(response, cancellationToken)).TrimEnd();

    /// <summary>
    /// The first kilobyte of a failed answer's body, for the error message: enough to show what the server
    /// said without reading an unbounded body. Shared with the remote read client.
    /// </summary>
    internal static async Task<string> ErrorBodyStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Retry-After as seconds or an HTTP date; null when absent or unreadable (the backoff applies then).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>Go's URL.Redacted: the password in the user info becomes <c>xxxxx</c>.</summary>
    public static string Redact(Uri url) => Secret.MaskUrlPassword(url.OriginalString, "xxxxx") ?? url.OriginalString;
}
