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
}
