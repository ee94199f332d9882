using Vigil.Model.Labels;
using Vigil.PromQL.Testing;

namespace Vigil.PromQL.Tests.Testing;

public sealed class ClassicToNativeTests
{
    private static (LabelSet, List<SequenceValue>) Series(string name, string? le, params double[] values) =>
        (le is null ? LabelSet.Of("__name__", name, "job", "a") : LabelSet.Of("__name__", name, "job", "a", "le", le),
         values.Select(v => new SequenceValue(v, false)).ToList());

    [Fact]
    public void Convert_ClassicHistogram_BecomesCustomBucketsUnderBaseName()
    {
        var converted = ClassicToNative.Convert(
            [
                Series("req_bucket", "1", 1, 2),
                Series("req_bucket", "5", 3, 5),
                Series("req_bucket", "+Inf", 4, 6),
                Series("req_count", null, 4, 6),
                Series("req_sum", null, 10, 20),
                Series("other", null, 1, 1),
            ],
            60_000);

        var (labels, samples) = Assert.Single(converted);
        Assert.Equal(LabelSet.Of("__name__", "req", "job", "a"), labels);
        Assert.Equal([0L, 60_000], samples.Select(s => s.Timestamp));
        var h = samples[1].Histogram;
        Assert.Equal([1.0, 5.0], h.CustomValues!);
        Assert.Equal([2.0, 3.0, 1.0], h.Positive.Counts);
        Assert.Equal(6, h.Count);
        Assert.Equal(20, h.Sum);
    }

    [Fact]
    public void Convert_NoInfBucket_TakesTheCountForIt()
    {
        var converted = ClassicToNative.Convert([Series("req_bucket", "1", 2), Series("req_count", null, 5)], 60_000);

        var h = Assert.Single(Assert.Single(converted).Samples).Histogram;
        Assert.Equal([2.0, 3.0], h.Positive.Counts);
    }

    [Fact]
    public void Convert_NotCumulative_LeavesTheTimestampOut()
    {
        var converted = ClassicToNative.Convert([Series("req_bucket", "1", 5), Series("req_bucket", "2", 3)], 60_000);

        Assert.Empty(converted);
    }
}
