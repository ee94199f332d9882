using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>The raw answer to one POST: status, content type, body (capped) and Retry-After.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The media type of the body, or "".</param>
/// <param name="Body">The body (up to <see cref="HttpDelivery.MaxReadBytes"/>), secrets masked; shorten it with <see cref="HttpDelivery.Shorten"/> for display.</param>
/// <param name="RetryAfter">The far side's requested delay, when given.</param>
public sealed record HttpAnswer(int StatusCode, string ContentType, string Body, TimeSpan? RetryAfter);

/// <summary>
/// Posts a JSON body the way every HTTP receiver does: our User-Agent, an optional per-request
/// timeout, a capped body read, and transport errors turned into a masked <see cref="DeliveryAnswer"/>
/// instead of an exception that could carry the URL.
/// </summary>
public static class HttpDelivery
{
    /// <summary>How much of an answer body we show; Slack's errors are short, HTML error pages are not.</summary>
    public const int MaxBodyChars = 512;

    /// <summary>How much of an answer body we read (enough for a Web API answer echoing the message).</summary>
    public const int MaxReadBytes = 64 * 1024;

    /// <summary>Sends <paramref name="body"/> and returns the answer, or a failed <see cref="DeliveryAnswer"/> when none came.</summary>
    /// <param name="client">The configured client.</param>
    /// <param name="url">Where to post (a secret: never printed).</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="configure">Adds per-request headers (e.g. a bearer token); may be null.</param>
    /// <param name="timeout">The integration's timeout; zero means none beyond <paramref name="cancellationToken"/>.</param>
    /// <param name="scrubber">Masks secrets in transport errors.</param>
    /// <param name="time">The clock (timeouts and Retry-After dates).</param>
    /// <param name="cancellationToken">The notification's cancellation.</param>
    public static async Task<(HttpAnswer? Answer, DeliveryAnswer? Failure)> PostJsonAsync(
        HttpClient client,
        string url,
        byte[] body,
        Action<HttpRequestMessage>? configure,
        TimeSpan timeout,
        SecretScrubber scrubber,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = timeout > TimeSpan.Zero ? new CancellationTokenSource(timeout, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var request = BuildRequest(url, body);
            configure?.Invoke(request);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return (await ReadAsync(response, scrubber, time, linked.Token), null);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return (null, new DeliveryAnswer(false, true, null, $"no answer within the configured timeout ({seconds}s)",
                null, "the endpoint is slow or unreachable; will retry", FailureReason.ContextDeadlineExceeded));
        }
        catch (Exception ex) when (ex is HttpRequestException or UriFormatException or InvalidOperationException or IOException)
        {
            return (null, TransportFailure(ex, scrubber));
        }
    }

    /// <summary>The User-Agent every notification carries.</summary>
    public static string UserAgent { get; } = "Vigil/" + (typeof(HttpDelivery).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private static HttpRequestMessage BuildRequest(string url, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        return request;
    }

    private static async Task<HttpAnswer> ReadAsync(HttpResponseMessage response, SecretScrubber scrubber, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = await ReadCappedAsync(response, cancellationToken);
        return new HttpAnswer(
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType ?? "",
            scrubber.Scrub(text).Trim(),
            StatusRules.RetryAfter(response, time.GetUtcNow()));
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxReadBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Cuts a body to <see cref="MaxBodyChars"/> for messages.</summary>
    public static string Shorten(string body) => body.Length > MaxBodyChars ? body[..MaxBodyChars] + "…" : body;

    private static DeliveryAnswer TransportFailure(Exception ex, SecretScrubber scrubber)
    {
        var message = scrubber.Scrub(Describe(ex));
        var meaning = message.StartsWith("http_config.", StringComparison.Ordinal)
            ? "a credentials file named in http_config could not be read; will retry"
            : "could not reach the endpoint (DNS, connection, TLS or proxy); will retry";
        return new DeliveryAnswer(false, true, null, message, null, meaning, FailureReason.Other);
    }

    private static string Describe(Exception ex)
    {
        // The innermost message says what actually failed (refused, name not resolved, certificate).
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!parts.Contains(e.Message))
            {
                parts.Add(e.Message);
            }
        }
        return string.Join(": ", parts);
    }
}
