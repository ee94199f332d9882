namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// What the far side answered to one delivery attempt, and what it means. Receivers produce it;
/// the pipeline's result and <c>vigil notify test</c> are built from it.
/// </summary>
/// <param name="Success">Whether the message was accepted.</param>
/// <param name="Retry">Whether trying again may help (5xx, 429, timeouts, transport errors).</param>
/// <param name="StatusCode">The HTTP status, or null when no answer arrived.</param>
/// <param name="Answer">The far side's body (trimmed, secrets masked), or the transport error.</param>
/// <param name="RetryAfter">How long the far side asked us to wait, when it said.</param>
/// <param name="Meaning">A sentence saying what the answer means and what to do, e.g. "403 invalid_token: the webhook was revoked or mistyped".</param>
/// <param name="Reason">Upstream's failure category (the metric's reason label).</param>
public sealed record DeliveryAnswer(
    bool Success,
    bool Retry,
    int? StatusCode,
    string Answer,
    TimeSpan? RetryAfter,
    string Meaning,
    FailureReason Reason)
{
    /// <summary>A failure that happened before anything was sent (template error, unreadable file).</summary>
    public static DeliveryAnswer NotSent(string error, string meaning) => new(false, false, null, error, null, meaning, FailureReason.Other);

    /// <summary>A one-line summary: what was answered and what it means.</summary>
    public override string ToString()
    {
        var status = StatusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
        var outcome = Success ? "ok" : Retry ? "failed, will retry" : "failed";
        return $"{outcome}: {status} {Answer}".TrimEnd() + (Meaning.Length > 0 ? $" ({Meaning})" : "");
    }
}
