using Vigil.Alertmanager.Dispatch;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Everything a notifier knows about the notification it sends besides the alerts: the flushed
/// group (as <see cref="FlushContext"/> has it), the integration, and where Alertmanager is reachable.
/// </summary>
public sealed record NotificationContext
{
    /// <summary>The group key, identical to Alertmanager's.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The receiver the notification is for.</summary>
    public required string ReceiverName { get; init; }

    /// <summary>The labels the group is keyed by.</summary>
    public LabelSet GroupLabels { get; init; } = LabelSet.Empty;

    /// <summary>The route's repeat_interval.</summary>
    public TimeSpan RepeatInterval { get; init; }

    /// <summary>The route's mute_time_intervals.</summary>
    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    /// <summary>The route's active_time_intervals.</summary>
    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    /// <summary>The id of the route that formed the group.</summary>
    public string RouteId { get; init; } = "";

    /// <summary>The flush time; use it (not the wall clock) to tell firing from resolved.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The integration kind: <c>slack</c>, <c>webhook</c>, ...</summary>
    public string IntegrationName { get; init; } = "";

    /// <summary>The integration's position among the receiver's integrations of the same kind.</summary>
    public int IntegrationIndex { get; init; }

    /// <summary>Alertmanager's external URL (<c>--web.external-url</c>), for links in messages.</summary>
    public string ExternalUrl { get; init; } = "";

    /// <summary>Why this notification goes out (first, new alerts, resolved, repeat), as the dedup stage decided.</summary>
    public NotifyReason Reason { get; init; } = NotifyReason.Unknown;

    /// <summary>Builds the context for one integration of a flush.</summary>
    public static NotificationContext For(FlushContext flush, Integration integration, string externalUrl) => new()
    {
        GroupKey = flush.GroupKey,
        ReceiverName = integration.ReceiverName,
        GroupLabels = flush.GroupLabels,
        RepeatInterval = flush.RepeatInterval,
        MuteTimeIntervals = flush.MuteTimeIntervals,
        ActiveTimeIntervals = flush.ActiveTimeIntervals,
        RouteId = flush.RouteId,
        Now = flush.Now,
        IntegrationName = integration.Name,
        IntegrationIndex = integration.Index,
        ExternalUrl = externalUrl,
    };
}
