using Vigil.Model.Histograms;
using Vigil.PromQL.Testing;

namespace Vigil.PromQL.Tests.Parser;

public sealed class HistogramNotationTests
{
    [Fact]
    public void Parse_EveryField_SetsIt()
    {
        var (h, hintSet) = HistogramNotation.Parse(
            "{{schema:1 sum:-0.3 count:32.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3 n_buckets:[4.1 5] n_offset:-5 counter_reset_hint:gauge}}");

        Assert.Equal(1, h.Schema);
        Assert.Equal(-0.3, h.Sum);
        Assert.Equal(32.1, h.Count);
        Assert.Equal(7.1, h.ZeroCount);
        Assert.Equal(0.05, h.ZeroThreshold);
        Assert.Equal(-3, h.Positive.Offset);
        Assert.Equal([5.1, 10, 7], h.Positive.Counts);
        Assert.Equal(-5, h.Negative.Offset);
        Assert.Equal([4.1, 5], h.Negative.Counts);
        Assert.Equal(CounterResetHint.Gauge, h.Hint);
        Assert.True(hintSet);
    }

    [Fact]
    public void Parse_NoHint_IsUnknownAndNotSet()
    {
        var (h, hintSet) = HistogramNotation.Parse("{{count:1 buckets:[1]}}");

        Assert.Equal(CounterResetHint.Unknown, h.Hint);
        Assert.False(hintSet);
    }

    [Theory]
    [InlineData("{{count:1 bucket:[1]}}", "unknown histogram key bucket")]
    [InlineData("{{count:1 count:2}}", "duplicate key \"count\" in histogram")]
    [InlineData("{{count:x}}", "histogram count: x is not a number")]
    [InlineData("{{buckets:[1 2}}", "buckets list is not closed")]
    [InlineData("{{schema:9}}", "schema 9 is out of range")]
    [InlineData("{{offset:1.5 buckets:[1]}}", "offset must be an integer")]
    [InlineData("{{counter_reset_hint:maybe}}", "unknown value maybe")]
    [InlineData("{{count:1", "not closed")]
    public void Parse_BadNotation_ErrorNamesTheProblem(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => HistogramNotation.Parse(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_Times_RepeatsNPlusOneTimes()
    {
        var values = SeriesDescription.Parse("m {{count:2 sum:3 buckets:[2]}}x2").Values;

        Assert.Equal(3, values.Count);
        Assert.All(values, v => Assert.Equal(2, v.Histogram!.Count));
    }

    [Fact]
    public void Expand_Increase_AddsTheStepEachTime()
    {
        var values = SeriesDescription.Parse("m {{sum:3 count:2 buckets:[2]}}+{{sum:1.3 count:1 buckets:[1]}}x2 {{count:9}}").Values;

        Assert.Equal([2.0, 3, 4, 9], values.Select(v => v.Histogram!.Count));
        Assert.Equal(5.6, values[2].Histogram!.Sum, 12);
        Assert.Equal([4.0], values[2].Histogram!.Positive.Counts);
    }

    [Fact]
    public void Expand_Decrease_SubtractsTheStep()
    {
        var values = SeriesDescription.Parse("m {{count:5 buckets:[5]}}-{{count:1 buckets:[1]}}x2").Values;

        Assert.Equal([5.0, 4, 3], values.Select(v => v.Histogram!.Count));
    }

    [Fact]
    public void Expand_HintOfIncrement_IsTheSeriesHintFlag()
    {
        var values = SeriesDescription.Parse("m {{count:1}}+{{count:1 counter_reset_hint:not_reset}}x1").Values;

        Assert.All(values, v => Assert.True(v.HintSet));
    }

    [Fact]
    public void Expand_IncreaseWithoutRepeat_Throws()
    {
        Assert.Throws<FormatException>(() => SeriesDescription.Parse("m {{count:1}}+{{count:1}}"));
    }

    [Fact]
    public void Expand_CustomBuckets_ParsesBoundsAndBuckets()
    {
        var values = SeriesDescription.Parse("m {{schema:-53 sum:3 count:3 custom_values:[1 5] buckets:[1 2]}}x2 1").Values;

        Assert.Equal(4, values.Count);
        var h = values[0].Histogram!;
        Assert.True(h.UsesCustomBuckets);
        Assert.Equal([1.0, 5.0], h.CustomValues!);
        Assert.Equal([1.0, 2.0], h.Positive.Counts);
        Assert.Equal(1, values[3].Value);
    }

    [Theory]
    [InlineData("{{schema:0 custom_values:[1]}}", "need schema:-53")]
    [InlineData("{{schema:-53 custom_values:[2 1]}}", "strictly increasing")]
    [InlineData("{{schema:-53 custom_values:[1] z_bucket:1}}", "cannot have z_bucket")]
    [InlineData("{{schema:-53 custom_values:[1] buckets:[1]}}+{{schema:0 buckets:[1]}}x1", "mix of exponential and custom")]
    public void Expand_BadCustomBuckets_FailsNamingTheProblem(string token, string expected)
    {
        var e = Assert.ThrowsAny<FormatException>(() => HistogramNotation.Expand(token));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_MixedWithFloats_KeepsPositions()
    {
        var values = SeriesDescription.Parse("m 1 _ {{count:1}} stale").Values;

        Assert.Equal([false, false, true, false], values.Select(v => v.IsHistogram));
        Assert.True(values[1].Omitted);
    }
}
