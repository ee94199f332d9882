using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>
/// <c>for</c> state restored by a running group after a restart, with the outage tolerance and grace period it
/// was given (<c>--rules.alert.for-outage-tolerance</c>, <c>--rules.alert.for-grace-period</c>).
/// </summary>
public sealed class RuleGroupRestoreTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Before the restart the alert (for: 30m) had been pending 5 minutes when the server went down 10 minutes
    // before the start; the restore runs at the second slot, about 11-12 minutes after the server went down.
    [Theory]
    // Defaults (1h, 10m): 25m remain, more than the grace period, so ActiveAt moves on by the outage: 5m pending.
    [InlineData(60, 10, "pending 5m")]
    // The state is older than a 5m tolerance: nothing restored, ActiveAt is the first evaluation.
    [InlineData(5, 10, "first evaluation")]
    // A 40m grace period is longer than the rule's `for`: the rule is not restored at all.
    [InlineData(60, 40, "first evaluation")]
    // 25m remain, less than a 26m grace period: it gets the grace period, i.e. it fires 26m after the restore.
    [InlineData(60, 26, "pending 4m")]
    public async Task RunAsync_RestartWithStoredForState_RestoresAfterSecondEvaluationWithGivenFlags(
        int toleranceMinutes, int graceMinutes, string expected)
    {
        var bed = new RuleTestBed();
        var downAt = RuleTestBed.Start.AddMinutes(-10);
        var app = bed.Storage.Appender();
        app.Append(LabelSet.Of("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "job", "a"), downAt.ToUnixTimeMilliseconds(), downAt.AddMinutes(-5).ToUnixTimeSeconds());
        app.Append(LabelSet.Of("__name__", "up", "job", "a"), RuleTestBed.Start.ToUnixTimeMilliseconds(), 0);
        app.Commit();
        var rule = new AlertingRule("Down", "up == 0", TimeSpan.FromMinutes(30), TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>());
        var group = new RuleGroup(
            new RuleGroupOptions
            {
                Name = "g",
                Interval = Interval,
                Rules = [rule],
                RestoreForState = true,
                ForOutageTolerance = TimeSpan.FromMinutes(toleranceMinutes),
                ForGracePeriod = TimeSpan.FromMinutes(graceMinutes),
            },
            bed.Storage, bed.Context, null);
        var clock = new SteppedClock(bed.Time);
        var slots = new List<DateTimeOffset>();
        var restoredAtEvaluation = new List<bool>();
        group.Evaluated += slot =>
        {
            slots.Add(slot);
            restoredAtEvaluation.Add(rule.Restored);
        };
        using var cancel = new CancellationTokenSource();

        var run = group.RunAsync(clock, cancel.Token);
        for (var i = 0; i < 3; i++)
        {
            await clock.StepAsync(bed.Time);
        }
        await cancel.CancelAsync();
        await run;

        Assert.Equal([false, false, true], restoredAtEvaluation);
        // The restore reads the clock just after the second slot (the wait is rounded up to a millisecond).
        var restoredAt = slots[1];
        var activeAt = Assert.Single(rule.ActiveAlerts).ActiveAt;
        Assert.Equal(expected, activeAt == slots[0] ? "first evaluation" : $"pending {Math.Round((restoredAt - activeAt).TotalMinutes, 2)}m");
    }
}
