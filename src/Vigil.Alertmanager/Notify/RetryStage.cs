using Microsoft.Extensions.Logging;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Delivers the notification through the branch's integration, retrying with exponential backoff
/// (and the far side's <c>Retry-After</c>) until it succeeds, fails for good, or the flush is
/// cancelled. Every attempt is counted, timed, logged when it fails and kept in the attempt log.
/// </summary>
public sealed class RetryStage(
    RetryPolicy policy,
    TimeProvider time,
    NotificationMetrics metrics,
    AttemptLog attempts,
    ILogger logger,
    Func<double>? random = null) : INotifyStage
{
    /// <inheritdoc />
    public async Task<StageResult> ExecuteAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var integration = context.RequiredIntegration;
        metrics.NotificationStarted(integration.Name);
        var toSend = Deliverable(context, alerts);
        if (toSend.Count == 0)
        {
            // Only resolved alerts for an integration that does not send them: nothing to deliver,
            // but the set-notifies stage must still log that they are resolved.
            return StageResult.Continue(alerts);
        }

        var failure = await DeliverAsync(context, toSend, cancellationToken);
        if (failure is null)
        {
            return StageResult.Continue(alerts);
        }

        metrics.NotificationFailed(integration.Name, failure.Value);
        return StageResult.Failed;
    }

    private static IReadOnlyList<Alert> Deliverable(PipelineContext context, IReadOnlyList<Alert> alerts)
    {
        if (context.RequiredIntegration.SendResolved)
        {
            return alerts;
        }

        return context.FiringAlerts.Count == 0 ? [] : [.. alerts.Where(a => !a.ResolvedAt(context.Flush.Now))];
    }

    /// <summary>The attempt loop; returns null on success, else why it finally failed.</summary>
    private async Task<FailureReason?> DeliverAsync(PipelineContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        var backoff = policy.Start(random);
        var notification = context.ToNotificationContext();
        FailureReason? lastFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Cancelled(context, attempt - 1, lastFailure);
            }

            var result = await AttemptAsync(context, notification, alerts, attempt, cancellationToken);
            if (result.Success)
            {
                return null;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return Cancelled(context, attempt, lastFailure);
            }

            if (!result.Retry)
            {
                logger.LogError(
                    "Notify for receiver {Receiver} integration {Integration} failed for good after {Attempts} attempts: reason {Reason}, status {Status}, answer {Answer}",
                    notification.ReceiverName, context.RequiredIntegration, attempt, result.Reason.ToLabel(), result.StatusCode, result.Answer);
                return result.Reason;
            }

            lastFailure = result.Reason;
            if (!await WaitAsync(backoff.NextAfter(result.RetryAfter), cancellationToken))
            {
                return Cancelled(context, attempt, lastFailure);
            }
        }
    }

    private FailureReason Cancelled(PipelineContext context, int attempts, FailureReason? lastFailure)
    {
        // Like Alertmanager: the last real error explains the failure better than the cancellation.
        var reason = lastFailure ?? FailureReason.ContextCanceled;
        logger.LogWarning(
            "Notify for receiver {Receiver} integration {Integration} cancelled after {Attempts} attempts (reason {Reason})",
            context.RequiredIntegration.ReceiverName, context.RequiredIntegration, attempts, reason.ToLabel());
        return reason;
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<NotifyResult> AttemptAsync(
        PipelineContext context,
        NotificationContext notification,
        IReadOnlyList<Alert> alerts,
        int attempt,
        CancellationToken cancellationToken)
    {
        var integration = context.RequiredIntegration;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var result = await CallNotifierAsync(integration.Notifier, notification, alerts, cancellationToken);
        var duration = time.GetElapsedTime(started);

        metrics.RequestFinished(integration.Name, !result.Success, duration);
        var outcome = OutcomeOf(result, cancellationToken);
        attempts.Record(new NotificationAttempt(
            startedAt, integration.ReceiverName, integration.Name, integration.Index, notification.GroupKey,
            alerts.Count, alerts.Count(a => !a.ResolvedAt(notification.Now)), alerts.Count(a => a.ResolvedAt(notification.Now)),
            attempt, outcome, result.Success ? null : result.Reason, result.StatusCode, result.Answer, result.Meaning, duration));
        LogAttempt(integration, notification, attempt, result, outcome, duration);
        return result;
    }

    private static AttemptOutcome OutcomeOf(NotifyResult result, CancellationToken cancellationToken) => result switch
    {
        { Success: true } => AttemptOutcome.Succeeded,
        { Reason: FailureReason.ContextCanceled } when cancellationToken.IsCancellationRequested => AttemptOutcome.Cancelled,
        { Retry: true } => AttemptOutcome.FailedWillRetry,
        _ => AttemptOutcome.Failed,
    };

    private void LogAttempt(Integration integration, NotificationContext notification, int attempt, NotifyResult result, AttemptOutcome outcome, TimeSpan duration)
    {
        if (result.Success)
        {
            var level = attempt > 1 ? LogLevel.Information : LogLevel.Debug;
            logger.Log(level, "Notify success for receiver {Receiver} integration {Integration} group {GroupKey}: {Attempts} attempts, {Duration}",
                integration.ReceiverName, integration, notification.GroupKey, attempt, duration);
            return;
        }

        logger.LogWarning(
            "Notify attempt {Attempt} failed for receiver {Receiver} integration {Integration} group {GroupKey}: status {Status}, answer {Answer}, reason {Reason}, {Outcome}",
            attempt, integration.ReceiverName, integration, notification.GroupKey, result.StatusCode, result.Answer, result.Reason.ToLabel(), outcome);
    }

    /// <summary>
    /// Calls the notifier, turning exceptions into results. Exception messages are not passed on:
    /// they may quote URLs that carry tokens, and a notifier that knows better returns a result.
    /// </summary>
    private static async Task<NotifyResult> CallNotifierAsync(
        INotifier notifier,
        NotificationContext notification,
        IReadOnlyList<Alert> alerts,
        CancellationToken cancellationToken)
    {
        try
        {
            return await notifier.NotifyAsync(notification, alerts, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return NotifyResult.Failed(FailureReason.ContextCanceled, retry: false, answer: "cancelled");
        }
        catch (OperationCanceledException)
        {
            // Not our token: the notifier's own timeout (e.g. HttpClient.Timeout) fired.
            return NotifyResult.Failed(FailureReason.ContextDeadlineExceeded, retry: true, answer: "timed out");
        }
        catch (Exception e)
        {
            return NotifyResult.Failed(FailureReason.Other, retry: true, answer: e.GetType().Name);
        }
    }
}
