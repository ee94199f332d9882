using System.Collections.Concurrent;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Remembers, per aggregation group, which time intervals mute it now, so the API can show alerts
/// as suppressed by a time interval. Written by the time stages on every flush.
/// </summary>
public interface IGroupMarker
{
    /// <summary>Records the intervals muting a group (empty = not muted).</summary>
    void SetMuted(string routeId, string groupKey, IReadOnlyList<string> timeIntervals);

    /// <summary>The intervals muting a group; empty when it is not muted.</summary>
    IReadOnlyList<string> Muted(string routeId, string groupKey);

    /// <summary>Forgets a group that is gone.</summary>
    void Delete(string routeId, string groupKey);
}

/// <summary>An in-memory <see cref="IGroupMarker"/>.</summary>
public sealed class GroupMarker : IGroupMarker
{
    private readonly ConcurrentDictionary<(string RouteId, string GroupKey), IReadOnlyList<string>> _muted = new();

    /// <inheritdoc />
    public void SetMuted(string routeId, string groupKey, IReadOnlyList<string> timeIntervals)
    {
        if (timeIntervals.Count == 0)
        {
            _muted.TryRemove((routeId, groupKey), out _);
        }
        else
        {
            _muted[(routeId, groupKey)] = [.. timeIntervals];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Muted(string routeId, string groupKey) =>
        _muted.TryGetValue((routeId, groupKey), out var names) ? names : [];

    /// <inheritdoc />
    public void Delete(string routeId, string groupKey) => _muted.TryRemove((routeId, groupKey), out _);
}
