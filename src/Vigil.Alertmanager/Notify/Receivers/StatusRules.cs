using System.Globalization;
using System.Net.Http.Headers;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Which HTTP answers are final and which are worth retrying, shared by every HTTP receiver:
/// 2xx succeeds, 5xx retries, 429 retries after the far side's <c>Retry-After</c> (upstream retries
/// 429 blindly or not at all; waiting as told is what rate limiters expect), other answers are final.
/// </summary>
public static class StatusRules
{
    /// <summary>Whether <paramref name="status"/> is a success.</summary>
    public static bool IsSuccess(int status) => status is >= 200 and < 300;

    /// <summary>Whether a failure with <paramref name="status"/> is worth retrying.</summary>
    public static bool ShouldRetry(int status) => status is >= 500 and < 600 or 429;

    /// <summary>Reads <c>Retry-After</c> as seconds or an HTTP date relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return ParseRaw(response.Headers, now);
        }
        if (header.Delta is { } delta)
        {
            return delta;
        }
        return header.Date is { } date ? Max0(date - now) : null;
    }

    /// <summary>A generic sentence for a status when the receiver knows nothing more specific.</summary>
    public static string GenericMeaning(int status) => status switch
    {
        400 => "the far side rejected the message as malformed",
        401 => "the far side wants credentials; check http_config authorization or basic_auth",
        403 => "the far side refused the credentials or the URL's token",
        404 => "nothing is listening at that path; check the URL",
        405 => "the URL does not accept POST; check the URL",
        408 => "the far side timed out reading the request; will retry only if it persists as 5xx",
        413 => "the message is too large; consider max_alerts",
        429 => "rate limited; will retry after the far side's Retry-After",
        >= 500 and < 600 => "the far side had an error; will retry",
        >= 300 and < 400 => "the far side redirected; check the URL or http_config.follow_redirects",
        _ => "unexpected answer",
    };

    private static TimeSpan? ParseRaw(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (!headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }
        var raw = values.FirstOrDefault()?.Trim() ?? "";
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? Max0(date - now) : null;
    }

    private static TimeSpan Max0(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
