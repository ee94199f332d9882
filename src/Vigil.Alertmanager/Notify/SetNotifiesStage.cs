using Vigil.Alertmanager.NotificationLog;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Logs a delivered notification: the firing and resolved alerts the dedup stage saw, so the next
/// flush can tell what is new. Entries live twice the repeat interval (capped by the log's retention).
/// </summary>
public sealed class SetNotifiesStage(INotificationLog log, TimeProvider time) : INotifyStage
{
    /// <inheritdoc />
    public Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var flush = context.Flush;
        log.Log(
            context.RequiredIntegration.Key,
            flush.GroupKey,
            context.FiringAlerts,
            context.ResolvedAlerts,
            time.GetUtcNow(),
            2 * flush.RepeatInterval);
        return Task.FromResult(StageResult.Continue(alerts));
    }
}
