using Vigil.Model.Labels;
using Vigil.Rules.Evaluation;

namespace Vigil.Rules.Tests.Evaluation;

public sealed class RecordingRuleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Eval_VectorResult_StoredUnderRecordNameWithLabels()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 1, 0, 5);
        var rule = new RecordingRule("job:up", "up", new Dictionary<string, string> { ["team"] = "x" });
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal(1, bed.Latest(LabelSet.Of("__name__", "job:up", "job", "a", "team", "x"), RuleTestBed.At(1))?.Value);
        Assert.Equal(RuleHealth.Ok, rule.Health.Health);
    }

    [Fact]
    public void Eval_LaterRuleInGroup_SeesEarlierRulesOutputOfSameEvaluation()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 2, 0, 5);
        var first = new RecordingRule("job:up", "up", new Dictionary<string, string>());
        var second = new RecordingRule("job:up:doubled", "job:up * 2", new Dictionary<string, string>());
        bed.Group(Minute, first, second).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal(4, bed.Latest(LabelSet.Of("__name__", "job:up:doubled", "job", "a"), RuleTestBed.At(1))?.Value);
    }

    [Fact]
    public void Eval_SeriesDisappears_StaleMarkerWritten()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 1, 0, 2);
        var rule = new RecordingRule("job:up", "up", new Dictionary<string, string>());
        var group = bed.Group(Minute, rule);
        group.Evaluate(RuleTestBed.At(1), bed.Time);
        group.Evaluate(RuleTestBed.At(8), bed.Time);
        Assert.True(bed.Latest(LabelSet.Of("__name__", "job:up", "job", "a"), RuleTestBed.At(8))?.IsStale);
    }

    [Fact]
    public void Eval_LabelsMakeSeriesCollide_FailsWithUpstreamsError()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 1, 0, 5);
        bed.Series("up", "b", 1, 0, 5);
        var rule = new RecordingRule("r", "up", new Dictionary<string, string> { ["job"] = "x" });
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal("vector contains metrics with the same labelset after applying rule labels", rule.Health.LastError);
    }

    [Fact]
    public void Eval_MoreSeriesThanLimit_FailsWithUpstreamsError()
    {
        var bed = new RuleTestBed();
        bed.Series("up", "a", 1, 0, 5);
        bed.Series("up", "b", 1, 0, 5);
        var rule = new RecordingRule("r", "up", new Dictionary<string, string>());
        bed.Group(Minute, 1, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal("exceeded limit of 1 with 2 series", rule.Health.LastError);
    }

    [Fact]
    public void Eval_BadQuery_HealthErrWithMessage()
    {
        var bed = new RuleTestBed();
        var rule = new RecordingRule("r", "rate(up)", new Dictionary<string, string>());
        bed.Group(Minute, rule).Evaluate(RuleTestBed.At(1), bed.Time);
        Assert.Equal(RuleHealth.Err, rule.Health.Health);
        Assert.NotNull(rule.Health.LastError);
    }
}
