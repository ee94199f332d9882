using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Vigil.Alertmanager.Alerts;
using Vigil.Api.Alertmanager;
using Vigil.Model.Labels;

namespace Vigil.Api.Tests.Alertmanager;

public sealed class AlertQueryTests
{
    private static AlertQuery Parse(params (string Key, string Value)[] pairs)
    {
        var q = Query(pairs);
        return AlertQuery.Parse(q, out var error) ?? throw new InvalidOperationException(error);
    }

    private static QueryCollection Query((string Key, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues([.. g.Select(p => p.Value)])));

    [Theory]
    [InlineData("alertname=\"A\"", true)]
    [InlineData("alertname=~\"A|B\"", true)]
    [InlineData("alertname!=\"A\"", false)]
    [InlineData("team=\"\"", true)]
    [InlineData("severity=\"\"", false)]
    [InlineData("severity!=\"\"", true)]
    [InlineData("team!=\"\"", false)]
    [InlineData("{alertname=\"A\",severity=\"page\"}", true)]
    public void MatchesLabels_UpstreamSemantics(string filter, bool expected) =>
        Assert.Equal(expected, Parse(("filter", filter)).MatchesLabels(LabelSet.Of("alertname", "A", "severity", "page")));

    [Fact]
    public void MatchesLabels_RepeatedFilters_AllMustMatch()
    {
        var q = Parse(("filter", "alertname=\"A\""), ("filter", "severity=\"warn\""));
        Assert.False(q.MatchesLabels(LabelSet.Of("alertname", "A", "severity", "page")));
    }

    [Theory]
    [InlineData("team-.*", new[] { "default", "team-a" }, true)]
    [InlineData("team", new[] { "team-a" }, false)]
    [InlineData("default|x", new[] { "default" }, true)]
    public void MatchesReceivers_AnchoredRegex(string regex, string[] receivers, bool expected) =>
        Assert.Equal(expected, Parse(("receiver", regex)).MatchesReceivers(receivers));

    [Theory]
    [InlineData("active", "false", AlertState.Active, false)]
    [InlineData("active", "false", AlertState.Suppressed, true)]
    [InlineData("unprocessed", "false", AlertState.Unprocessed, false)]
    [InlineData("silenced", "false", AlertState.Suppressed, false)]
    [InlineData("silenced", "true", AlertState.Suppressed, true)]
    public void MatchesStatus_Flags(string flag, string value, AlertState state, bool expected)
    {
        var status = new AlertStatus(state, state == AlertState.Suppressed ? ["silence-1"] : [], [], []);
        Assert.Equal(expected, Parse((flag, value)).MatchesStatus(status));
    }

    [Theory]
    [InlineData("filter", "alertname", "bad matcher format: alertname")]
    [InlineData("receiver", "(", "failed to parse receiver param")]
    [InlineData("active", "maybe", "active in query must be of type boolean: \"maybe\"")]
    public void Parse_Malformed_NamesParameter(string key, string value, string expectedStart)
    {
        Assert.Null(AlertQuery.Parse(Query([(key, value)]), out var error));
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }
}
