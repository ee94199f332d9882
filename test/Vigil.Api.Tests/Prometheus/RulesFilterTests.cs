using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PrometheusHost;
using Vigil.Rules.Evaluation;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RulesFilterTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static RuleGroup Group(string name, string file, params IRule[] rules)
    {
        var down = new VectorSample(LabelSet.Of("instance", "a:1"), T0.ToUnixTimeMilliseconds(), 1);
        var options = new RuleGroupOptions { Name = name, File = file, Interval = TimeSpan.FromSeconds(10), Rules = rules };
        var group = new RuleGroup(options, new MemoryStorage(), new RuleContext { Query = (_, _) => [down] }, null);
        group.Evaluate(T0, new FakeTimeProvider(T0));
        return group;
    }

    private static IReadOnlyList<RuleGroup> Groups() =>
    [
        Group("node", "/rules/node.yml",
            new AlertingRule("InstanceDown", "up == 0", TimeSpan.Zero, TimeSpan.Zero, new Dictionary<string, string> { ["severity"] = "page" }, new Dictionary<string, string>()),
            new RecordingRule("job:up:sum", "sum by (job) (up)", new Dictionary<string, string> { ["team"] = "infra" })),
        Group("api", "/rules/api.yml",
            new AlertingRule("HighLatency", "up > 0", TimeSpan.FromMinutes(5), TimeSpan.Zero, new Dictionary<string, string> { ["severity"] = "ticket" }, new Dictionary<string, string>())),
    ];

    private static JsonElement Render(ApiResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            result.Data(w);
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static string Listed(string query)
    {
        var data = Render(RulesApi.Rules(Groups(), RulesFilter.From(ApiTestKit.Request(query))));
        return string.Join(" ", data.GetProperty("groups").EnumerateArray().Select(g =>
            g.GetProperty("name").GetString() + ":" + string.Join(",", g.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()))));
    }

    [Theory]
    [InlineData("", "node:InstanceDown,job:up:sum api:HighLatency")]
    [InlineData("type=alert", "node:InstanceDown api:HighLatency")]
    [InlineData("type=RECORD", "node:job:up:sum")]
    [InlineData("rule_name[]=HighLatency", "api:HighLatency")]
    [InlineData("rule_name[]=HighLatency&rule_name[]=job:up:sum", "node:job:up:sum api:HighLatency")]
    [InlineData("rule_group[]=node", "node:InstanceDown,job:up:sum")]
    [InlineData("file[]=/rules/api.yml", "api:HighLatency")]
    [InlineData("match[]={severity=\"page\"}", "node:InstanceDown")]
    [InlineData("match[]={severity=~\"page|ticket\"}&type=alert", "node:InstanceDown api:HighLatency")]
    [InlineData("match[]={team=\"infra\"}&match[]={severity=\"ticket\"}", "node:job:up:sum api:HighLatency")]
    [InlineData("rule_group[]=api&type=record", "")]
    public void Rules_Filter_KeepsMatchingRulesAndDropsEmptyGroups(string query, string expected) =>
        Assert.Equal(expected, Listed(query));

    [Theory]
    [InlineData("type=x", "invalid parameter \"type\": not supported value \"x\"")]
    [InlineData("exclude_alerts=maybe", "invalid parameter \"exclude_alerts\": error converting exclude_alerts: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    [InlineData("match[]={a=\"\"}", "match[] must contain at least one non-empty matcher")]
    [InlineData("group_next_token=abc", "invalid parameter \"group_next_token\": group_limit needs to be present in order to paginate over the groups")]
    [InlineData("group_limit=0", "invalid parameter \"group_limit\": group_limit needs to be greater than 0")]
    [InlineData("group_limit=x", "invalid parameter \"group_limit\": group_limit needs to be a valid number: strconv.ParseInt: parsing \"x\": invalid syntax")]
    public void From_BadParameter_BadDataWithUpstreamMessage(string query, string message)
    {
        var error = Assert.Throws<ApiError>(() => RulesFilter.From(ApiTestKit.Request(query)));
        Assert.Equal((ApiErrorType.BadData, message), (error.Type, error.Message));
    }

    [Fact]
    public void Rules_ExcludeAlerts_AlertsNull()
    {
        var data = Render(RulesApi.Rules(Groups(), RulesFilter.From(ApiTestKit.Request("exclude_alerts=true&type=alert"))));
        var rule = data.GetProperty("groups")[0].GetProperty("rules")[0];
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("alerts").ValueKind);
        Assert.Equal("firing", rule.GetProperty("state").GetString());
    }

    [Fact]
    public void Rules_GroupLimit_PagesWithToken()
    {
        var first = Render(RulesApi.Rules(Groups(), RulesFilter.From(ApiTestKit.Request("group_limit=1"))));
        var token = first.GetProperty("groupNextToken").GetString()!;
        Assert.Equal("node", first.GetProperty("groups")[0].GetProperty("name").GetString());
        var second = Render(RulesApi.Rules(Groups(), RulesFilter.From(ApiTestKit.Request("group_limit=1&group_next_token=" + token))));
        Assert.Equal("api", Assert.Single(second.GetProperty("groups").EnumerateArray()).GetProperty("name").GetString());
        Assert.False(second.TryGetProperty("groupNextToken", out _));
    }

    [Fact]
    public void Rules_UnknownToken_BadData()
    {
        var error = Assert.Throws<ApiError>(() => RulesApi.Rules(Groups(), RulesFilter.From(ApiTestKit.Request("group_limit=1&group_next_token=nope"))));
        Assert.Equal("invalid parameter \"group_next_token\": invalid group_next_token 'nope'. were rule groups changed?", error.Message);
    }
}
