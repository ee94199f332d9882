using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Crash;

/// <summary>Finds notifications delivered twice: the same group (group key) with the same alerts in the same
/// states, sent again although nothing changed and repeat_interval (1h) has not passed.</summary>
/// <remarks>A notification is logged (and fsynced) right after the receiver answers 200; a kill in between
/// is the one moment where sending again is right (the server cannot know the receiver got it, as with any
/// at-least-once delivery). A repeat whose earlier copy arrived within <see cref="AckWindow"/> before a kill
/// (before the process was seen gone) is counted apart, as <see cref="Outcome.ResentAfterUnloggedSend"/>; every other repeat is a duplicate.</remarks>
public static class DeliveryAudit
{
    /// <summary>Generous for a loaded 2-core machine; the log write itself takes milliseconds.</summary>
    public static readonly TimeSpan AckWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>The counts, and a description of each duplicate.</summary>
    public sealed record Outcome(int Notifications, int ResentAfterUnloggedSend, IReadOnlyList<string> Duplicates);

    public static Outcome Audit(IReadOnlyList<RecordedRequest> deliveries, IReadOnlyList<DateTimeOffset> kills)
    {
        var firstSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var resent = 0;
        var duplicates = new List<string>();
        foreach (var delivery in deliveries.OrderBy(d => d.ReceivedAt))
        {
            var key = Key(delivery);
            if (!firstSeen.TryGetValue(key, out var earlier))
            {
                firstSeen[key] = delivery.ReceivedAt;
                continue;
            }

            if (kills.Any(k => k >= earlier && k - earlier <= AckWindow && k <= delivery.ReceivedAt))
            {
                resent++;
                firstSeen[key] = delivery.ReceivedAt;
                continue;
            }

            var killBetween = kills.FirstOrDefault(k => k >= earlier && k <= delivery.ReceivedAt);
            duplicates.Add($"{key} first at {earlier:HH:mm:ss.fff}, killed at {killBetween:HH:mm:ss.fff}, again at {delivery.ReceivedAt:HH:mm:ss.fff}");
        }

        return new Outcome(deliveries.Count, resent, duplicates);
    }

    /// <summary>The group key and each alert's fingerprint and status, sorted.</summary>
    private static string Key(RecordedRequest delivery)
    {
        var json = delivery.Json;
        var alerts = json["alerts"]!.AsArray()
            .Select(a => $"{a!["fingerprint"]}:{a["status"]}")
            .Order(StringComparer.Ordinal);
        return $"{json["groupKey"]} [{string.Join(' ', alerts)}]";
    }
}
