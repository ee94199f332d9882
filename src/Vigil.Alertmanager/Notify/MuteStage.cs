using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Drops the alerts a muter (the inhibitor, a silencer) mutes. The muter updates the alert marker
/// itself, so the API shows why an alert is suppressed.
/// </summary>
/// <param name="muter">What decides.</param>
/// <param name="suppressionReason">The <c>reason</c> label for <c>alertmanager_notifications_suppressed_total</c>.</param>
/// <param name="metrics">Where to count muted alerts.</param>
/// <param name="logger">Where to say that alerts were muted.</param>
public sealed class MuteStage(IAlertMuter muter, string suppressionReason, NotificationMetrics metrics, ILogger logger) : INotifyStage
{
    /// <inheritdoc />
    public Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var kept = alerts.Where(a => !muter.Mutes(a.Labels)).ToList();
        var muted = alerts.Count - kept.Count;
        if (muted > 0)
        {
            metrics.Suppressed(suppressionReason, muted);
            logger.LogDebug("Notifications will not be sent for {Muted} muted alerts of group {GroupKey} (reason {Reason})", muted, context.Flush.GroupKey, suppressionReason);
        }

        return Task.FromResult(StageResult.Continue(kept));
    }
}
