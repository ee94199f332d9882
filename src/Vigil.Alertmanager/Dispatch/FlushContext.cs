using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>
/// What an aggregation group hands to the notification pipeline when it flushes: which group,
/// for which receiver, under which route settings.
/// </summary>
/// <param name="GroupKey">The group key, identical to Alertmanager's (<c>routeKey:groupLabels</c>).</param>
/// <param name="ReceiverName">The receiver of the route that formed the group.</param>
/// <param name="GroupLabels">The labels the group is keyed by.</param>
/// <param name="RepeatInterval">The route's repeat_interval, used by the dedup stage.</param>
/// <param name="MuteTimeIntervals">Time interval names during which the route is muted.</param>
/// <param name="ActiveTimeIntervals">Time interval names outside which the route is muted.</param>
/// <param name="RouteId">The route's id, as the API shows it.</param>
/// <param name="Now">The flush time (from the injected clock).</param>
public sealed record FlushContext(
    string GroupKey,
    string ReceiverName,
    LabelSet GroupLabels,
    TimeSpan RepeatInterval,
    IReadOnlyList<string> MuteTimeIntervals,
    IReadOnlyList<string> ActiveTimeIntervals,
    string RouteId,
    DateTimeOffset Now);

/// <summary>
/// Sends one flush of a group through the notification pipeline. Returns true when every
/// integration succeeded (or had nothing to do); the group then forgets resolved alerts it sent.
/// </summary>
public delegate Task<bool> NotifyFunc(FlushContext context, IReadOnlyList<Vigil.Model.Alert> alerts, CancellationToken cancellationToken);
