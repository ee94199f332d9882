using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class ForStateRestorerTests
{
    [Theory]
    // Pending 5m of a 30m `for`, down 10m: 25m remain, so ActiveAt (85m) moves on by the 10m outage.
    [InlineData(30, 5, 10, -5)]
    // Pending 25m of a 30m `for`: 5m remain, less than the 10m grace period, so it gets the grace period.
    [InlineData(30, 25, 10, -20)]
    // Pending 40m of a 30m `for`: it had fired; the original ActiveAt stays.
    [InlineData(30, 40, 10, -50)]
    public void Restore_StoredForState_ActiveAtAsUpstream(int forMinutes, int pendingBeforeDown, int downMinutes, int expectedActiveAtMinutes)
    {
        var bed = new RuleTestBed();
        var now = RuleTestBed.At(100);
        var downAt = now.AddMinutes(-downMinutes);
        var oldActiveAt = downAt.AddMinutes(-pendingBeforeDown);
        var app = bed.Storage.Appender();
        app.Append(LabelSet.Of("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "job", "a"), downAt.ToUnixTimeMilliseconds(), oldActiveAt.ToUnixTimeSeconds());
        app.Append(LabelSet.Of("__name__", "up", "job", "a"), now.AddSeconds(-10).ToUnixTimeMilliseconds(), 0);
        app.Commit();
        var rule = new AlertingRule("Down", "up == 0", TimeSpan.FromMinutes(forMinutes), TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>()) { Restored = false };
        bed.Group(TimeSpan.FromMinutes(1), rule).Evaluate(now, bed.Time);

        ForStateRestorer.Restore([rule], bed.Storage, now, ForStateRestorer.DefaultOutageTolerance, ForStateRestorer.DefaultForGracePeriod);

        Assert.True(rule.Restored);
        Assert.Equal(now.AddMinutes(expectedActiveAtMinutes), Assert.Single(rule.ActiveAlerts).ActiveAt);
    }
}
