using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Rules.Evaluation;
using Vigil.Storage.Memory;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class RuleGroupStatsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static RuleGroup Group(RuleQueryFunc query, params IRule[] rules) => new(
        new RuleGroupOptions { Name = "g", File = "f.yml", Interval = TimeSpan.FromSeconds(10), Rules = rules },
        new MemoryStorage(), new RuleContext { Query = query }, null);

    private static IReadOnlyList<VectorSample> TwoSeries(long ts) =>
        [new VectorSample(LabelSet.Of("instance", "a"), ts, 1), new VectorSample(LabelSet.Of("instance", "b"), ts, 2)];

    [Fact]
    public void Evaluate_OneGoodOneFailingRule_CountsEvaluationsFailuresAndSamples()
    {
        var group = Group(
            (q, ts) => q == "bad" ? throw new QueryException("boom") : TwoSeries(ts),
            new RecordingRule("good", "good", new Dictionary<string, string>()),
            new RecordingRule("bad", "bad", new Dictionary<string, string>()));
        group.Evaluate(T0, new FakeTimeProvider(T0));
        group.Evaluate(T0.AddSeconds(10), new FakeTimeProvider(T0));
        Assert.Equal((4L, 2L, 2L, 0L, 2L), (group.Stats.Evaluations, group.Stats.Failures, group.Stats.Iterations, group.Stats.IterationsMissed, group.Stats.LastSamples));
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(15, 1)]
    [InlineData(35, 3)]
    public async Task RunAsync_EvaluationTakesLongerThanInterval_CountsMissedSlots(int evaluationSeconds, long missed)
    {
        var time = new FakeTimeProvider(T0);
        // The query moves the fake clock on: the evaluation "takes" that long, so later slots pass meanwhile.
        var group = Group((_, ts) =>
        {
            time.Advance(TimeSpan.FromSeconds(evaluationSeconds));
            return TwoSeries(ts);
        }, new RecordingRule("slow", "slow", new Dictionary<string, string>()));
        using var evaluated = new SemaphoreSlim(0);
        group.Evaluated += _ => evaluated.Release();
        using var cancel = new CancellationTokenSource();
        var run = group.RunAsync(time, cancel.Token);
        // Just past the first slot (the group's wait rounds up to whole milliseconds), so the evaluation's own
        // duration alone decides which slots it overruns.
        time.Advance(group.EvalTimestamp(T0) + TimeSpan.FromSeconds(10) - T0 + TimeSpan.FromMilliseconds(1));
        Assert.True(await evaluated.WaitAsync(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();
        await run;
        Assert.Equal((missed, 1 + missed), (group.Stats.IterationsMissed, group.Stats.Iterations));
    }

    [Fact]
    public void CopyStateFrom_Reload_CountersContinue()
    {
        var old = Group((_, ts) => TwoSeries(ts), new RecordingRule("r", "up", new Dictionary<string, string>()));
        old.Evaluate(T0, new FakeTimeProvider(T0));
        var reloaded = Group((_, ts) => TwoSeries(ts), new RecordingRule("r", "up", new Dictionary<string, string>()));
        reloaded.CopyStateFrom(old);
        reloaded.Evaluate(T0.AddSeconds(10), new FakeTimeProvider(T0));
        Assert.Equal((2L, 2L), (reloaded.Stats.Evaluations, reloaded.Stats.Iterations));
    }
}
