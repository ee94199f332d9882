using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.TimeIntervals;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Drops every alert of the flush when the route has <c>active_time_intervals</c> and the flush
/// time is in none of them.
/// </summary>
public sealed class TimeActiveStage(TimeIntervalSet intervals, IGroupMarker marker, NotificationMetrics metrics, ILogger logger) : INotifyStage
{
    /// <inheritdoc />
    public Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var flush = context.Flush;
        if (flush.ActiveTimeIntervals.Count == 0)
        {
            marker.SetMuted(flush.RouteId, flush.GroupKey, []);
            return Task.FromResult(StageResult.Continue(alerts));
        }

        if (intervals.Matching(flush.ActiveTimeIntervals, flush.Now).Count > 0)
        {
            marker.SetMuted(flush.RouteId, flush.GroupKey, []);
            return Task.FromResult(StageResult.Continue(alerts));
        }

        // Outside all of them, so every one of them is a reason the group is muted.
        marker.SetMuted(flush.RouteId, flush.GroupKey, flush.ActiveTimeIntervals);
        metrics.Suppressed(NotificationMetrics.SuppressionReasons.ActiveTimeInterval, alerts.Count);
        logger.LogDebug("Notifications for group {GroupKey} not sent: route is not within an active time interval", flush.GroupKey);
        return Task.FromResult(StageResult.Done);
    }
}
