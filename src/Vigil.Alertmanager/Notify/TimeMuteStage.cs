using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.TimeIntervals;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>Drops every alert of the flush when the flush time is inside one of the route's <c>mute_time_intervals</c>.</summary>
public sealed class TimeMuteStage(TimeIntervalSet intervals, IGroupMarker marker, NotificationMetrics metrics, ILogger logger) : INotifyStage
{
    /// <inheritdoc />
    public Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var flush = context.Flush;
        if (flush.MuteTimeIntervals.Count == 0)
        {
            marker.SetMuted(flush.RouteId, flush.GroupKey, []);
            return Task.FromResult(StageResult.Continue(alerts));
        }

        var mutedBy = intervals.Matching(flush.MuteTimeIntervals, flush.Now);
        marker.SetMuted(flush.RouteId, flush.GroupKey, mutedBy);
        if (mutedBy.Count == 0)
        {
            return Task.FromResult(StageResult.Continue(alerts));
        }

        metrics.Suppressed(NotificationMetrics.SuppressionReasons.MuteTimeInterval, alerts.Count);
        logger.LogDebug("Notifications for group {GroupKey} not sent: route is within mute time intervals {Intervals}", flush.GroupKey, string.Join(",", mutedBy));
        return Task.FromResult(StageResult.Done);
    }
}
