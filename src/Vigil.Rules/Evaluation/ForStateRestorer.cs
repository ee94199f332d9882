using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Rules.Evaluation;

/// <summary>
/// After a restart, gives pending and firing alerts back the <c>ActiveAt</c> they had before, read from the
/// ALERTS_FOR_STATE series, so a restart does not restart <c>for</c>. The time the server was down counts
/// as not pending (upstream's rule), and an alert that would fire within the grace period is given the
/// grace period first, so a flapping restart does not fire alerts at once.
/// </summary>
public static class ForStateRestorer
{
    /// <summary>Upstream's <c>--rules.alert.for-outage-tolerance</c> default: older state is ignored.</summary>
    public static readonly TimeSpan DefaultOutageTolerance = TimeSpan.FromHours(1);

    /// <summary>Upstream's <c>--rules.alert.for-grace-period</c> default.</summary>
    public static readonly TimeSpan DefaultForGracePeriod = TimeSpan.FromMinutes(10);

    /// <summary>Restores every alerting rule of <paramref name="rules"/> at <paramref name="ts"/> and marks it restored.</summary>
    public static void Restore(IEnumerable<IRule> rules, ISeriesQuerier storage, DateTimeOffset ts, TimeSpan outageTolerance, TimeSpan gracePeriod)
    {
        foreach (var rule in rules.OfType<AlertingRule>())
        {
            // Short `for` durations are not worth restoring: the grace period alone is longer.
            if (rule.HoldDuration >= gracePeriod)
            {
                foreach (var alert in rule.PendingOrFiring)
                {
                    RestoreOne(rule, alert, storage, ts, outageTolerance, gracePeriod);
                }
            }
            rule.Restored = true;
            rule.Publish();
        }
    }

    private static void RestoreOne(AlertingRule rule, Alert alert, ISeriesQuerier storage, DateTimeOffset ts, TimeSpan outageTolerance, TimeSpan gracePeriod)
    {
        var labels = rule.ForStateSeries(alert);
        var matchers = labels.Select(l => new Matcher(MatcherType.Equal, l.Name, l.Value)).ToList();
        var mint = (ts - outageTolerance).ToUnixTimeMilliseconds();
        var maxt = ts.ToUnixTimeMilliseconds();
        var series = storage.Select(mint, maxt, matchers).FirstOrDefault(s => s.Labels.Equals(labels));
        if (series?.Samples(mint, maxt).LastOrDefault() is not { } last || last.IsStale)
        {
            return;
        }
        var downAt = DateTimeOffset.FromUnixTimeSeconds(last.Timestamp / 1000);
        var activeAt = DateTimeOffset.FromUnixTimeSeconds((long)last.Value);
        var remaining = rule.HoldDuration - (downAt - activeAt);
        if (remaining <= TimeSpan.Zero)
        {
            // It had already held long enough before the restart: keep the original time.
        }
        else if (remaining < gracePeriod)
        {
            activeAt = ts - rule.HoldDuration + gracePeriod;
        }
        else
        {
            activeAt += ts - downAt;
        }
        alert.ActiveAt = activeAt;
    }
}
