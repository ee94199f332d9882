using Vigil.Model;

namespace Vigil.Alertmanager.Alerts;

/// <summary>
/// Alertmanager's rules for combining a newly received alert with the stored alert of the same
/// fingerprint: when their activity intervals overlap they merge, otherwise the new one replaces
/// the old one.
/// </summary>
public static class AlertMerge
{
    /// <summary>
    /// Whether <paramref name="incoming"/> overlaps <paramref name="stored"/> the way Alertmanager
    /// tests it: the incoming end or start lies strictly inside the stored interval.
    /// </summary>
    public static bool Overlaps(Alert stored, Alert incoming) =>
        (incoming.EndsAt > stored.StartsAt && incoming.EndsAt < stored.EndsAt)
        || (incoming.StartsAt > stored.StartsAt && incoming.StartsAt < stored.EndsAt);

    /// <summary>What the store keeps when <paramref name="incoming"/> arrives while <paramref name="stored"/> is held.</summary>
    public static Alert Combine(Alert stored, Alert incoming, DateTimeOffset now) =>
        Overlaps(stored, incoming) ? Merge(stored, incoming, now) : incoming;

    /// <summary>
    /// Merges two versions of one alert: the more recently updated one provides everything but the
    /// interval; the earliest start wins, and the end follows the rules below.
    /// </summary>
    public static Alert Merge(Alert a, Alert b, DateTimeOffset now)
    {
        // The younger version is authoritative; on a tie the second argument counts as younger, as upstream.
        var (older, younger) = b.UpdatedAt < a.UpdatedAt ? (b, a) : (a, b);
        var startsAt = older.StartsAt < younger.StartsAt ? older.StartsAt : younger.StartsAt;
        var endsAt = younger.EndsAt;
        if (younger.ResolvedAt(now))
        {
            // Both resolved: the latest explicit resolution time wins.
            if (older.ResolvedAt(now) && older.EndsAt > younger.EndsAt)
            {
                endsAt = older.EndsAt;
            }
        }
        else if (older.EndsAt > younger.EndsAt && !older.Timeout)
        {
            // A later end the sender set explicitly outranks a younger timeout-based one.
            endsAt = older.EndsAt;
        }
        return startsAt == younger.StartsAt && endsAt == younger.EndsAt
            ? younger
            : younger with { StartsAt = startsAt, EndsAt = endsAt };
    }
}
