using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PrometheusHost;
using Vigil.Rules.Evaluation;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

public sealed class RulesApiTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static IReadOnlyList<RuleGroup> EvaluatedGroup()
    {
        var down = new VectorSample(LabelSet.Of("instance", "a:1"), T0.ToUnixTimeMilliseconds(), 1);
        var context = new RuleContext { Query = (_, _) => [down] };
        var options = new RuleGroupOptions
        {
            Name = "g",
            File = "/r.yml",
            Interval = TimeSpan.FromSeconds(10),
            Rules =
            [
                new AlertingRule("Down", "up == 0", TimeSpan.FromMinutes(5), TimeSpan.Zero, new Dictionary<string, string> { ["severity"] = "page" }, new Dictionary<string, string>()),
                new RecordingRule("job:up", "up", new Dictionary<string, string>()),
            ],
        };
        var group = new RuleGroup(options, new MemoryStorage(), context, null);
        group.Evaluate(T0, new FakeTimeProvider(T0));
        return [group];
    }

    private static JsonElement Render(ApiResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            result.Data(w);
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Rules_EvaluatedGroup_UpstreamShape()
    {
        var group = Render(RulesApi.Rules(EvaluatedGroup())).GetProperty("groups")[0];
        Assert.Equal("g", group.GetProperty("name").GetString());
        Assert.Equal("/r.yml", group.GetProperty("file").GetString());
        Assert.Equal(10, group.GetProperty("interval").GetDouble());
        var alerting = group.GetProperty("rules")[0];
        Assert.Equal(("alerting", "pending", "ok", 300.0), (alerting.GetProperty("type").GetString(), alerting.GetProperty("state").GetString(), alerting.GetProperty("health").GetString(), alerting.GetProperty("duration").GetDouble()));
        Assert.Equal("page", alerting.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(1, alerting.GetProperty("alerts").GetArrayLength());
        var recording = group.GetProperty("rules")[1];
        Assert.Equal(("recording", "job:up", "up"), (recording.GetProperty("type").GetString(), recording.GetProperty("name").GetString(), recording.GetProperty("query").GetString()));
    }

    [Fact]
    public void Alerts_PendingAlert_LabelsStateActiveAtValue()
    {
        var alert = Render(RulesApi.Alerts(EvaluatedGroup())).GetProperty("alerts")[0];
        Assert.Equal("Down", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("pending", alert.GetProperty("state").GetString());
        Assert.Equal("2023-11-14T22:13:20Z", alert.GetProperty("activeAt").GetString());
        Assert.Equal("1e+00", alert.GetProperty("value").GetString());
    }

    [Fact]
    public void Rules_NoGroups_EmptyList() =>
        Assert.Equal(0, Render(RulesApi.Rules([])).GetProperty("groups").GetArrayLength());
}

public sealed class RuleGroupReloadTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static RuleGroup Group()
    {
        var down = new VectorSample(LabelSet.Of("instance", "a:1"), T0.ToUnixTimeMilliseconds(), 1);
        var options = new RuleGroupOptions
        {
            Name = "g",
            Interval = TimeSpan.FromSeconds(10),
            Rules = [new AlertingRule("Down", "up == 0", TimeSpan.FromMinutes(5), TimeSpan.Zero, new Dictionary<string, string>(), new Dictionary<string, string>())],
        };
        return new RuleGroup(options, new MemoryStorage(), new RuleContext { Query = (_, _) => [down] }, null);
    }

    [Fact]
    public void CopyStateFrom_PendingAlert_KeepsActiveAtAcrossReload()
    {
        var old = Group();
        old.Evaluate(T0, new FakeTimeProvider(T0));
        var reloaded = Group();
        reloaded.CopyStateFrom(old);
        reloaded.Evaluate(T0.AddSeconds(10), new FakeTimeProvider(T0.AddSeconds(10)));
        var alert = Assert.Single(((AlertingRule)reloaded.Options.Rules[0]).ActiveAlerts);
        Assert.Equal(T0, alert.ActiveAt);
    }
}
