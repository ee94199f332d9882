using Vigil.Alertmanager.NotificationLog;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Lets a flush through to an integration only when the integration has something new to say
/// compared with the last notification logged for the group, or the repeat interval has passed.
/// </summary>
public sealed class DedupStage(INotificationLog log) : INotifyStage
{
    /// <inheritdoc />
    public Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var integration = context.RequiredIntegration;
        var now = context.Flush.Now;
        var firing = alerts.Where(a => !a.ResolvedAt(now)).Select(a => a.Fingerprint).ToList();
        var resolved = alerts.Where(a => a.ResolvedAt(now)).Select(a => a.Fingerprint).ToList();

        // The later stages log exactly what was decided on here, whatever subset is actually sent.
        context.FiringAlerts = firing;
        context.ResolvedAlerts = resolved;

        var entry = log.Query(integration.Key, context.Flush.GroupKey);
        context.Reason = Decide(entry, firing.ToHashSet(), resolved.ToHashSet(), integration.SendResolved, context.Flush.RepeatInterval, now);
        return Task.FromResult(context.Reason.ShouldNotify() ? StageResult.Continue(alerts) : StageResult.Done);
    }

    /// <summary>
    /// The dedup decision, as Alertmanager makes it.
    /// </summary>
    /// <param name="last">The last logged notification for this integration and group; null if none.</param>
    /// <param name="firing">Alerts firing now.</param>
    /// <param name="resolved">Alerts resolved now.</param>
    /// <param name="sendResolved">Whether the integration notifies about resolved alerts.</param>
    /// <param name="repeatInterval">The route's repeat_interval.</param>
    /// <param name="now">The flush time.</param>
    public static NotifyReason Decide(
        NotificationLogEntry? last,
        IReadOnlySet<Fingerprint> firing,
        IReadOnlySet<Fingerprint> resolved,
        bool sendResolved,
        TimeSpan repeatInterval,
        DateTimeOffset now)
    {
        if (last is null)
        {
            // A group whose alerts all resolved before anyone heard of them is not news.
            return firing.Count > 0 ? NotifyReason.FirstNotification : NotifyReason.DoNotNotify;
        }

        if (!last.IsFiringSubset(firing))
        {
            // After an "all resolved" notification the receiver knows of nothing firing: start over.
            return last.FiringAlerts.Count == 0 ? NotifyReason.FirstNotification : NotifyReason.NewAlertsInGroup;
        }

        if (firing.Count == 0)
        {
            // Sent even without send_resolved, so the log stops listing alerts as firing; the retry
            // stage then skips the actual delivery for such integrations.
            return last.FiringAlerts.Count > 0 ? NotifyReason.AllAlertsResolved : NotifyReason.DoNotNotify;
        }

        if (sendResolved && !last.IsResolvedSubset(resolved))
        {
            return NotifyReason.NewResolvedAlerts;
        }

        return last.Timestamp < now - repeatInterval ? NotifyReason.RepeatIntervalElapsed : NotifyReason.DoNotNotify;
    }
}
