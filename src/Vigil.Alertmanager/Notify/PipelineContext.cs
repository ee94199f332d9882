using Vigil.Alertmanager.Dispatch;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// The flush travelling through the pipeline. The receiver-level stages see only
/// <see cref="Flush"/>; the fan-out gives every integration its own copy, in which the dedup stage
/// records what it saw for the retry and set-notifies stages after it.
/// </summary>
public sealed class PipelineContext
{
    /// <summary>Creates the context of a flush, before fan-out.</summary>
    public PipelineContext(FlushContext flush, string externalUrl)
    {
        Flush = flush;
        ExternalUrl = externalUrl;
    }

    /// <summary>What the dispatcher flushed.</summary>
    public FlushContext Flush { get; }

    /// <summary>Alertmanager's external URL.</summary>
    public string ExternalUrl { get; }

    /// <summary>The integration this branch delivers to; null before fan-out.</summary>
    public Integration? Integration { get; private init; }

    /// <summary>Fingerprints of the firing alerts, set by the dedup stage.</summary>
    public IReadOnlyList<Fingerprint> FiringAlerts { get; set; } = [];

    /// <summary>Fingerprints of the resolved alerts, set by the dedup stage.</summary>
    public IReadOnlyList<Fingerprint> ResolvedAlerts { get; set; } = [];

    /// <summary>Why the dedup stage let the notification through.</summary>
    public NotifyReason Reason { get; set; } = NotifyReason.Unknown;

    /// <summary>The integration of this branch; throws before fan-out, which would be a wiring bug.</summary>
    public Integration RequiredIntegration =>
        Integration ?? throw new InvalidOperationException("integration stages run only after fan-out");

    /// <summary>A fresh context for one integration's branch.</summary>
    public PipelineContext ForIntegration(Integration integration) => new(Flush, ExternalUrl) { Integration = integration };

    /// <summary>The context a notifier sees.</summary>
    public NotificationContext ToNotificationContext() =>
        NotificationContext.For(Flush, RequiredIntegration, ExternalUrl) with { Reason = Reason };
}
