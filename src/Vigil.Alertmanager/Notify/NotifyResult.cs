namespace Vigil.Alertmanager.Notify;

/// <summary>
/// The outcome of one delivery attempt. Everything in it may be logged and shown in the attempt
/// log, so notifiers must put only secret-free text in <see cref="Answer"/> and <see cref="Meaning"/>.
/// </summary>
public sealed record NotifyResult
{
    /// <summary>The shared result for a delivery that succeeded with nothing worth recording.</summary>
    public static NotifyResult Ok { get; } = new() { Success = true };

    /// <summary>Whether the far side accepted the notification.</summary>
    public bool Success { get; init; }

    /// <summary>On failure, whether trying again may succeed (5xx, 429, network errors).</summary>
    public bool Retry { get; init; }

    /// <summary>On failure, the reason label for <c>alertmanager_notifications_failed_total</c>.</summary>
    public FailureReason Reason { get; init; }

    /// <summary>The HTTP status code, when there was a response.</summary>
    public int? StatusCode { get; init; }

    /// <summary>What the far side said (e.g. Slack's <c>invalid_token</c>); already free of secrets.</summary>
    public string Answer { get; init; } = "";

    /// <summary>How long the far side asked us to wait (Retry-After of a 429); the retry stage honours it.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A human explanation of <see cref="Answer"/> and what to do about it, when known.</summary>
    public string? Meaning { get; init; }

    /// <summary>A success with the status code and answer recorded.</summary>
    public static NotifyResult Succeeded(int? statusCode = null, string answer = "") =>
        new() { Success = true, StatusCode = statusCode, Answer = answer };

    /// <summary>A failure.</summary>
    public static NotifyResult Failed(FailureReason reason, bool retry, string answer = "", int? statusCode = null) =>
        new() { Success = false, Reason = reason, Retry = retry, Answer = answer, StatusCode = statusCode };

    /// <summary>
    /// Classifies an HTTP response as Alertmanager's retrier does: 2xx succeeds, 5xx is retried,
    /// other codes are not; beyond upstream, 429 is retried too (after <paramref name="retryAfter"/> when given).
    /// </summary>
    public static NotifyResult FromHttpStatus(int statusCode, string answer = "", TimeSpan? retryAfter = null)
    {
        if (statusCode is >= 200 and < 300)
        {
            return Succeeded(statusCode, answer);
        }

        var retry = statusCode is >= 500 and < 600 or 429;
        return Failed(FailureReasons.FromStatusCode(statusCode), retry, answer, statusCode) with
        {
            RetryAfter = statusCode == 429 ? retryAfter : null,
        };
    }
}
