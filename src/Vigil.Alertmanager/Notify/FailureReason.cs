namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Why a notification failed; the values of the <c>reason</c> label of
/// <c>alertmanager_notifications_failed_total</c>, as Alertmanager spells them.
/// </summary>
public enum FailureReason
{
    /// <summary>Anything else (connection refused, unexpected status, ...): label <c>other</c>.</summary>
    Other,

    /// <summary>The far side rejected the request (4xx): label <c>clientError</c>.</summary>
    ClientError,

    /// <summary>The far side failed (5xx): label <c>serverError</c>.</summary>
    ServerError,

    /// <summary>The attempt was cancelled: label <c>contextCanceled</c>.</summary>
    ContextCanceled,

    /// <summary>The attempt ran out of time: label <c>contextDeadlineExceeded</c>.</summary>
    ContextDeadlineExceeded,

    /// <summary>401 or 403: label <c>authError</c>.</summary>
    AuthError,

    /// <summary>429: label <c>rateLimited</c>.</summary>
    RateLimited,
}

/// <summary>Label values and HTTP status classification for <see cref="FailureReason"/>.</summary>
public static class FailureReasons
{
    /// <summary>Every reason, in the order the metrics are initialised.</summary>
    public static IReadOnlyList<FailureReason> All { get; } = Enum.GetValues<FailureReason>();

    /// <summary>The metric label value of a reason (Alertmanager's spelling).</summary>
    public static string ToLabel(this FailureReason reason) => reason switch
    {
        FailureReason.ClientError => "clientError",
        FailureReason.ServerError => "serverError",
        FailureReason.ContextCanceled => "contextCanceled",
        FailureReason.ContextDeadlineExceeded => "contextDeadlineExceeded",
        FailureReason.AuthError => "authError",
        FailureReason.RateLimited => "rateLimited",
        _ => "other",
    };

    /// <summary>Classifies a non-2xx HTTP status code the way Alertmanager does.</summary>
    public static FailureReason FromStatusCode(int statusCode) => statusCode switch
    {
        401 or 403 => FailureReason.AuthError,
        429 => FailureReason.RateLimited,
        >= 400 and < 500 => FailureReason.ClientError,
        >= 500 and < 600 => FailureReason.ServerError,
        _ => FailureReason.Other,
    };
}
