using System.Diagnostics.Metrics;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// The notification pipeline's instruments, named as Alertmanager names its metrics so dashboards
/// and alerts written for Alertmanager keep working. The host exports them in Prometheus format.
/// </summary>
public sealed class NotificationMetrics
{
    /// <summary>The meter name the host listens to.</summary>
    public const string MeterName = "Vigil.Alertmanager";

    /// <summary>Integration names Alertmanager initialises its series for, so they exist before the first notification.</summary>
    public static IReadOnlyList<string> KnownIntegrations { get; } =
    [
        "email", "pagerduty", "wechat", "pushover", "slack", "opsgenie", "webhook", "victorops", "sns",
        "telegram", "discord", "webex", "msteams", "msteamsv2", "incidentio", "jira", "rocketchat", "mattermost",
    ];

    /// <summary>The values of the suppression reason label.</summary>
    public static class SuppressionReasons
    {
        /// <summary>Muted by a silence.</summary>
        public const string Silence = "silence";

        /// <summary>Muted by an inhibition rule.</summary>
        public const string Inhibition = "inhibition";

        /// <summary>Inside a mute time interval.</summary>
        public const string MuteTimeInterval = "mute_time_interval";

        /// <summary>Outside every active time interval.</summary>
        public const string ActiveTimeInterval = "active_time_interval";
    }

    private readonly ObservedCounter _notifications;
    private readonly ObservedCounter _notificationsFailed;
    private readonly ObservedCounter _requests;
    private readonly ObservedCounter _requestsFailed;
    private readonly ObservedCounter _suppressed;
    private readonly Histogram<double> _latency;

    /// <summary>Creates the instruments on <paramref name="meter"/> and initialises the known integrations' series to zero.</summary>
    public NotificationMetrics(Meter meter)
    {
        _notifications = new ObservedCounter(meter, "alertmanager_notifications_total", "The total number of attempted notifications.");
        _notificationsFailed = new ObservedCounter(meter, "alertmanager_notifications_failed_total", "The total number of failed notifications.");
        _requests = new ObservedCounter(meter, "alertmanager_notification_requests_total", "The total number of attempted notification requests.");
        _requestsFailed = new ObservedCounter(meter, "alertmanager_notification_requests_failed_total", "The total number of failed notification requests.");
        _suppressed = new ObservedCounter(meter, "alertmanager_notifications_suppressed_total", "The total number of notifications suppressed for being silenced, inhibited, outside of active time intervals or within muted time intervals.");
        _latency = meter.CreateHistogram(
            "alertmanager_notification_latency_seconds",
            unit: "s",
            description: "The latency of notifications in seconds.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 15, 20] });
        InitializeFor(KnownIntegrations);
    }

    /// <summary>
    /// Makes the counter series of these integrations exist with value zero, so rate() and absent()
    /// behave from the start (the histogram's series appear with the first observation).
    /// </summary>
    public void InitializeFor(IEnumerable<string> integrations)
    {
        foreach (var integration in integrations.Distinct(StringComparer.Ordinal))
        {
            var tag = IntegrationTag(integration);
            _notifications.Add(0, tag);
            _requests.Add(0, tag);
            _requestsFailed.Add(0, tag);
            foreach (var reason in FailureReasons.All)
            {
                _notificationsFailed.Add(0, tag, ReasonTag(reason));
            }
        }
    }

    /// <summary>A notification is about to be delivered (once per flush and integration, however many attempts).</summary>
    public void NotificationStarted(string integration) => _notifications.Add(1, IntegrationTag(integration));

    /// <summary>A notification finally failed.</summary>
    public void NotificationFailed(string integration, FailureReason reason) =>
        _notificationsFailed.Add(1, IntegrationTag(integration), ReasonTag(reason));

    /// <summary>One attempt (request) finished, successfully or not, after <paramref name="duration"/>.</summary>
    public void RequestFinished(string integration, bool failed, TimeSpan duration)
    {
        var tag = IntegrationTag(integration);
        _requests.Add(1, tag);
        _latency.Record(duration.TotalSeconds, tag);
        if (failed)
        {
            _requestsFailed.Add(1, tag);
        }
    }

    /// <summary>Alerts were muted by a stage.</summary>
    public void Suppressed(string reason, int alerts) =>
        _suppressed.Add(alerts, new KeyValuePair<string, object?>("reason", reason));

    private static KeyValuePair<string, object?> IntegrationTag(string integration) => new("integration", integration);

    private static KeyValuePair<string, object?> ReasonTag(FailureReason reason) => new("reason", reason.ToLabel());
}
