using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class RuleGroupTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(300)]
    public void EvalTimestamp_AnyTime_SlotIsAtOrBeforeNowAndOneIntervalApart(int seconds)
    {
        var bed = new RuleTestBed();
        var interval = TimeSpan.FromSeconds(seconds);
        var group = bed.Group(interval, new RecordingRule("r", "up", new Dictionary<string, string>()));
        var now = RuleTestBed.Start.AddSeconds(12345.678);
        var slot = group.EvalTimestamp(now);
        Assert.InRange(now - slot, TimeSpan.Zero, interval - TimeSpan.FromTicks(1));
        Assert.Equal(slot, group.EvalTimestamp(slot));
        Assert.Equal(slot + interval, group.EvalTimestamp(slot + interval + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public async Task RunAsync_ClockAdvances_EvaluatesAtEachSlot()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 1, 0, 10);
        var rule = new RecordingRule("r", "up", new Dictionary<string, string>());
        var group = bed.Group(TimeSpan.FromMinutes(1), rule);
        using var evaluated = new SemaphoreSlim(0);
        group.Evaluated += _ => evaluated.Release();
        using var cancel = new CancellationTokenSource();
        var run = group.RunAsync(bed.Time, cancel.Token);
        for (var i = 0; i < 3; i++)
        {
            bed.Time.Advance(TimeSpan.FromMinutes(1));
            // Waits for the slot to be evaluated before moving the clock on, so each advance is one slot.
            Assert.True(await evaluated.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        await cancel.CancelAsync();
        await run;
        Assert.Equal(group.EvalTimestamp(bed.Time.GetUtcNow()), group.LastEvaluation);
        Assert.Equal(RuleHealth.Ok, rule.Health.Health);
    }

    [Fact]
    public async Task RunAsync_TimerFiresEarly_EvaluatesOnlyOnceTheSlotHasComeSoResolvedEndsAtIsNotAhead()
    {
        var bed = new RuleTestBed();
        var app = bed.Storage.Appender();
        for (var second = 0; second <= 20; second++)
        {
            app.Append(LabelSet.Of("__name__", "up", "job", "a"), RuleTestBed.Start.AddSeconds(second).ToUnixTimeMilliseconds(), second < 3 ? 0 : 1);
        }
        app.Commit();
        var clock = new SteppedClock(bed.Time, TimeSpan.FromMilliseconds(3));
        var sent = new List<(PostableAlert Alert, DateTimeOffset Now)>();
        var evaluations = new List<(DateTimeOffset Slot, DateTimeOffset Now)>();
        var rule = new AlertingRule("Down", "up == 0", TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>());
        var group = new RuleGroup(
            new RuleGroupOptions { Name = "g", Interval = TimeSpan.FromSeconds(1), Rules = [rule] },
            bed.Storage, bed.Context, (_, alerts) => sent.AddRange(alerts.Select(a => (a, clock.GetUtcNow()))));
        group.Evaluated += slot => evaluations.Add((slot, clock.GetUtcNow()));
        using var cancel = new CancellationTokenSource();

        var run = group.RunAsync(clock, cancel.Token);
        while (bed.Time.GetUtcNow() < RuleTestBed.Start.AddSeconds(6))
        {
            await clock.WaitingAgainAsync();
            bed.Time.Advance(clock.NextFire - bed.Time.GetUtcNow());
        }
        await clock.WaitingAgainAsync();
        await cancel.CancelAsync();
        await run;

        Assert.NotEmpty(evaluations);
        Assert.All(evaluations, e => Assert.True(e.Slot <= e.Now, $"slot {e.Slot:O} evaluated at {e.Now:O}"));
        var resolved = Assert.Single(sent, s => s.Alert.EndsAt <= RuleTestBed.Start.AddSeconds(6) && s.Alert.EndsAt > s.Alert.StartsAt);
        Assert.True(resolved.Alert.EndsAt <= resolved.Now, $"resolved endsAt {resolved.Alert.EndsAt:O} is after the send at {resolved.Now:O}");
    }
}
