namespace Vigil.Alertmanager.Dispatch;

/// <summary>Tuning of a <see cref="Dispatcher"/>; the defaults are Alertmanager's.</summary>
public sealed record DispatcherOptions
{
    /// <summary>Alertmanager's shortest notification timeout.</summary>
    public static readonly TimeSpan MinNotifyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often empty aggregation groups are removed (upstream: 30s).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one flush's notification may take, given the route's group_interval: upstream allows
    /// the group_interval, but at least 10s (plus a cluster position wait we do not have).
    /// </summary>
    public Func<TimeSpan, TimeSpan> NotifyTimeout { get; init; } =
        groupInterval => groupInterval < MinNotifyTimeout ? MinNotifyTimeout : groupInterval;

    /// <summary>Receives failures that have no caller to go to (notify threw, a flush failed).</summary>
    public Action<string, Exception>? OnError { get; init; }
}
