using Vigil.Alertmanager.Templates;
using Vigil.Alertmanager.Tests.Receivers;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Templates;

public sealed class TemplateDataTests
{
    [Fact]
    public void Create_MixedAlerts_StatusFiringWithFiringAndResolvedSubsets()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Firing(), Samples.Resolved()], "", Samples.Now);

        Assert.Equal("firing", data.Status);
        Assert.Single(data.Alerts.Firing());
        Assert.Single(data.Alerts.Resolved());
        Assert.Equal("resolved", data.Alerts.Resolved()[0].Status);
    }

    [Fact]
    public void Create_AllResolved_StatusResolved()
    {
        var data = TemplateData.Create("r", LabelSet.Empty, [Samples.Resolved()], "", Samples.Now);

        Assert.Equal("resolved", data.Status);
    }

    [Fact]
    public void Create_TwoAlerts_CommonLabelsAndAnnotationsAreTheSharedPairs()
    {
        var data = TemplateData.Create("r", LabelSet.Of("alertname", "InstanceDown"), [Samples.Firing("a:1"), Samples.Firing("b:1")], "", Samples.Now);

        Assert.Equal("alertname=InstanceDown, job=node, severity=critical", data.CommonLabels.ToString());
        Assert.Equal("", data.CommonAnnotations.ToString());
        Assert.Equal("InstanceDown", data.CommonLabels["alertname"]);
        Assert.Equal("", data.CommonLabels["missing"]);
    }

    [Theory]
    [InlineData("slack-notifier", "slack-notifier")]
    [InlineData("team.a", "team\\.a")]
    [InlineData("a+b (c)", "a\\+b \\(c\\)")]
    public void Create_ReceiverName_QuotedLikeGoQuoteMeta(string name, string expected) =>
        Assert.Equal(expected, TemplateData.Create(name, LabelSet.Empty, [], "", Samples.Now).Receiver);

    [Fact]
    public void SortedPairs_AlertnameFirstThenByName()
    {
        var kv = KV.From(LabelSet.Of("zone", "z", "alertname", "A", "instance", "i"));

        Assert.Equal(["alertname", "instance", "zone"], kv.SortedPairs().Names());
        Assert.Equal(["A", "i", "z"], kv.Values());
        Assert.Equal("A:i:z", kv.Values().Join(":"));
    }

    [Fact]
    public void Remove_Names_DropsThem()
    {
        var kv = KV.From(LabelSet.Of("alertname", "A", "job", "node", "severity", "critical"));

        var rest = kv.Remove(KV.From(LabelSet.Of("alertname", "A")).Names());

        Assert.Equal(["node", "critical"], rest.Values());
    }

    [Fact]
    public void KV_Enumeration_IsOrdinalKeyOrderLikeGoMaps()
    {
        IReadOnlyDictionary<string, string> kv = KV.From(LabelSet.Of("b", "2", "alertname", "A", "a", "1"));

        Assert.Equal(["a", "alertname", "b"], kv.Keys);
        Assert.Equal(3, kv.Count);
    }
}
