using System.Collections.Concurrent;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Alerts;

/// <summary>
/// The in-memory <see cref="IAlertMarker"/>: one status per fingerprint. An alert is suppressed
/// while anything silences or inhibits it, active once something has looked at it and found
/// nothing, and unprocessed before that.
/// </summary>
public sealed class AlertMarker : IAlertMarker
{
    private readonly ConcurrentDictionary<Fingerprint, AlertStatus> _statuses = new();

    /// <inheritdoc />
    public void SetSilenced(Fingerprint alert, IReadOnlyList<string> silenceIds) =>
        _statuses.AddOrUpdate(
            alert,
            static (_, ids) => Build(ids, [], []),
            static (_, old, ids) => Build(ids, old.InhibitedBy, old.MutedBy),
            silenceIds);

    /// <inheritdoc />
    public void SetInhibited(Fingerprint alert, IReadOnlyList<string> inhibitingAlerts) =>
        _statuses.AddOrUpdate(
            alert,
            static (_, ids) => Build([], ids, []),
            static (_, old, ids) => Build(old.SilencedBy, ids, old.MutedBy),
            inhibitingAlerts);

    /// <summary>Records the time intervals muting an alert (empty = not muted by time).</summary>
    public void SetMuted(Fingerprint alert, IReadOnlyList<string> timeIntervals) =>
        _statuses.AddOrUpdate(
            alert,
            static (_, names) => Build([], [], names),
            static (_, old, names) => Build(old.SilencedBy, old.InhibitedBy, names),
            timeIntervals);

    /// <inheritdoc />
    public AlertStatus Status(Fingerprint alert) =>
        _statuses.TryGetValue(alert, out var status) ? status : AlertStatus.Unprocessed;

    /// <inheritdoc />
    public void Delete(Fingerprint alert) => _statuses.TryRemove(alert, out _);

    /// <summary>How many marked alerts are in <paramref name="state"/> (for <c>alertmanager_marked_alerts</c>).</summary>
    public int Count(AlertState state) => _statuses.Values.Count(s => s.State == state);

    /// <summary>How many alerts carry a mark.</summary>
    public int Count() => _statuses.Count;

    private static AlertStatus Build(IReadOnlyList<string> silencedBy, IReadOnlyList<string> inhibitedBy, IReadOnlyList<string> mutedBy)
    {
        var suppressed = silencedBy.Count > 0 || inhibitedBy.Count > 0 || mutedBy.Count > 0;
        return new AlertStatus(suppressed ? AlertState.Suppressed : AlertState.Active, silencedBy, inhibitedBy, mutedBy);
    }
}
