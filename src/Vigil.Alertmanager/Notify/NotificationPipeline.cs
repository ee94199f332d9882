using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Dispatch;
using Vigil.Model;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// The notification pipeline of one configuration: per receiver, the chain of stages from muting
/// to delivery. The dispatcher calls <see cref="ExecuteAsync"/> (as its <see cref="NotifyFunc"/>)
/// whenever a group flushes. A config reload builds a new pipeline.
/// </summary>
public sealed class NotificationPipeline
{
    private readonly IReadOnlyDictionary<string, INotifyStage> _receivers;
    private readonly string _externalUrl;
    private readonly ILogger _logger;

    internal NotificationPipeline(IReadOnlyDictionary<string, INotifyStage> receivers, string externalUrl, ILogger logger)
    {
        _receivers = receivers;
        _externalUrl = externalUrl;
        _logger = logger;
    }

    /// <summary>The stage chain of each receiver, by receiver name.</summary>
    public IReadOnlyDictionary<string, INotifyStage> Receivers => _receivers;

    /// <summary>
    /// Sends one flush through its receiver's chain. True when every integration succeeded or had
    /// nothing to send (all muted, deduplicated); false when any failed, the receiver is unknown, or
    /// the flush was cancelled. Never throws for a failed delivery.
    /// </summary>
    public async Task<bool> ExecuteAsync(FlushContext flush, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        if (!_receivers.TryGetValue(flush.ReceiverName, out var chain))
        {
            _logger.LogError("No notification pipeline for receiver {Receiver} (group {GroupKey}); is it in the config?", flush.ReceiverName, flush.GroupKey);
            return false;
        }

        try
        {
            var result = await chain.ExecuteAsync(new PipelineContext(flush, _externalUrl), alerts, cancellationToken);
            return result.Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            // A stage bug or an undefined time interval: fail this flush, keep the dispatcher alive.
            _logger.LogError("Notification pipeline for receiver {Receiver} (group {GroupKey}) failed: {Error}", flush.ReceiverName, flush.GroupKey, e.Message);
            return false;
        }
    }

    /// <summary>This pipeline as the dispatcher's delegate.</summary>
    public NotifyFunc AsNotifyFunc() => ExecuteAsync;
}
