using Vigil.Alertmanager.Dispatch;
using Vigil.Model;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Dispatch;

public sealed class GoOrderTests
{
    [Theory]
    [InlineData("a", "b", -1)]
    [InlineData("a", "a", 0)]
    [InlineData("ab", "a", 1)]
    [InlineData("\uFF61", "\U0001F600", -1)] // U+FF61 < U+1F600 by code point, though UTF-16 ordinal says otherwise
    [InlineData("\U0001F600", "\uE000", 1)]
    public void Compare_Strings_AsGoByteOrder(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(GoOrder.Compare(a, b)));
    }

    [Theory]
    [InlineData(new[] { "a", "1" }, new[] { "a", "1", "b", "1" }, true)]   // fewer labels first
    [InlineData(new[] { "a", "1", "b", "1" }, new[] { "a", "1" }, false)]
    [InlineData(new[] { "a", "1" }, new[] { "a", "2" }, true)]             // same names: by value
    [InlineData(new[] { "a", "1" }, new[] { "b", "1" }, false)]            // 'a' missing on the right: right is before
    [InlineData(new[] { "b", "1" }, new[] { "a", "1" }, true)]
    [InlineData(new[] { "a", "1" }, new[] { "a", "1" }, false)]            // equal: not before
    public void Before_LabelSets_AsUpstream(string[] a, string[] b, bool expected)
    {
        Assert.Equal(expected, GoOrder.Before(L(a), L(b)));
    }

    [Theory]
    [InlineData(new string[0], "{}")]
    [InlineData(new[] { "b", "2", "a", "1" }, "{a=\"1\", b=\"2\"}")]
    [InlineData(new[] { "a", "x", "a0", "y" }, "{a0=\"y\", a=\"x\"}")]
    [InlineData(new[] { "a", "q\"uote\n" }, "{a=\"q\\\"uote\\n\"}")]
    public void LabelSetString_Sets_RenderedAsGoModelLabelSet(string[] labels, string expected)
    {
        Assert.Equal(expected, GoOrder.LabelSetString(L(labels)));
    }

    [Fact]
    public void CompareAlerts_JobMissingOnOne_ThatOneAfter()
    {
        var withJob = new Alert { Labels = L("job", "z", "x", "1") };
        var without = new Alert { Labels = L("a", "1") };

        Assert.True(GoOrder.CompareAlerts(withJob, without) < 0);
        Assert.True(GoOrder.CompareAlerts(without, withJob) > 0);
    }
}
