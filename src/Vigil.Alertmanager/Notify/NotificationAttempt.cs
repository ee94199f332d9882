namespace Vigil.Alertmanager.Notify;

/// <summary>How one delivery attempt ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The far side accepted the notification.</summary>
    Succeeded,

    /// <summary>It failed and will be tried again.</summary>
    FailedWillRetry,

    /// <summary>It failed and will not be tried again (not retryable).</summary>
    Failed,

    /// <summary>The flush was cancelled (superseded or timed out) while it was under way.</summary>
    Cancelled,
}

/// <summary>
/// One delivery attempt and the far side's answer, as the API and UI list them. Holds no alert
/// contents and no secrets: only counts, codes and the notifier's secret-free answer.
/// </summary>
/// <param name="Time">When the attempt started.</param>
/// <param name="Receiver">The receiver name.</param>
/// <param name="Integration">The integration kind (<c>slack</c>, ...).</param>
/// <param name="IntegrationIndex">The integration's index within the receiver.</param>
/// <param name="GroupKey">The group notified about.</param>
/// <param name="Alerts">How many alerts were sent.</param>
/// <param name="Firing">How many of them were firing.</param>
/// <param name="Resolved">How many of them were resolved.</param>
/// <param name="Attempt">The attempt number within this notification, from 1.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">The failure reason; null on success.</param>
/// <param name="StatusCode">The HTTP status code, when there was a response.</param>
/// <param name="Answer">What the far side said.</param>
/// <param name="Meaning">What the answer means and what to do, when known.</param>
/// <param name="Duration">How long the attempt took.</param>
public sealed record NotificationAttempt(
    DateTimeOffset Time,
    string Receiver,
    string Integration,
    int IntegrationIndex,
    string GroupKey,
    int Alerts,
    int Firing,
    int Resolved,
    int Attempt,
    AttemptOutcome Outcome,
    FailureReason? Reason,
    int? StatusCode,
    string Answer,
    string? Meaning,
    TimeSpan Duration);
