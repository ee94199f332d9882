using Vigil.Model.Labels;

namespace Vigil.Model.Tests.Labels;

public sealed class FingerprintTests
{
    [Fact]
    public void Of_EmptySet_IsFnvOffsetBasis()
    {
        Assert.Equal("cbf29ce484222325", LabelSet.Empty.Fingerprint.ToString());
    }

    [Fact]
    public void Of_LabelOrder_DoesNotMatter()
    {
        var a = LabelSet.Of("job", "node", "instance", "a:9100");
        var b = LabelSet.Of("instance", "a:9100", "job", "node");
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Of_DifferentValues_Differ()
    {
        Assert.NotEqual(LabelSet.Of("a", "b").Fingerprint, LabelSet.Of("a", "c").Fingerprint);
    }

    [Fact]
    public void From_EmptyValue_IsDropped()
    {
        Assert.Equal(LabelSet.Of("a", "1"), LabelSet.Of("a", "1", "b", ""));
    }

    [Fact]
    public void ToString_RendersLikeGo()
    {
        Assert.Equal("{alertname=\"Down\", job=\"a\\\"b\"}", LabelSet.Of("job", "a\"b", "alertname", "Down").ToString());
    }

    [Fact]
    public void ToString_SortsRenderedPairsLikeGo()
    {
        // "env2=..." sorts before "env=..." because '2' < '='.
        Assert.Equal("{env2=\"b\", env=\"a\"}", LabelSet.Of("env", "a", "env2", "b").ToString());
    }
}
