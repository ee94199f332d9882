namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>What one request to a remote write endpoint came to.</summary>
/// <param name="Success">The endpoint answered 2xx.</param>
/// <param name="Recoverable">The failure may go away (network error, timeout, 5xx, 429 when retried): send the batch again.</param>
/// <param name="Error">What went wrong, for the log ("" on success); never contains credentials.</param>
/// <param name="RetryAfter">The endpoint's Retry-After, when it sent one.</param>
public sealed record SendOutcome(bool Success, bool Recoverable, string Error, TimeSpan? RetryAfter = null)
{
    /// <summary>The 2xx outcome.</summary>
    public static SendOutcome Ok { get; } = new(true, false, "");
}
