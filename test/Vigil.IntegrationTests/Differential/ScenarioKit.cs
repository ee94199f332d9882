using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Small builders shared by the scenario catalogues.</summary>
public static class ScenarioKit
{
    /// <summary>Short timers: each scenario takes seconds of wall-clock time.</summary>
    public const string Timers = """
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        """;

    /// <summary>A webhook receiver named <paramref name="name"/> posting to <c>/name</c> on the sink.</summary>
    public static string Hook(string name, bool sendResolved = true, int maxAlerts = 0) => $"""
        - name: {name}
          webhook_configs:
          - url: '{Scenario.SinkToken}/{name}'
            send_resolved: {(sendResolved ? "true" : "false")}
            max_alerts: {maxAlerts}
        """;

    /// <summary>Posts firing alerts (startsAt = scenario start + <paramref name="at"/>) at <paramref name="at"/>.</summary>
    public static ScenarioPost Fire(double at, params string[][] alerts) =>
        new(TimeSpan.FromSeconds(at), start => Build(alerts, start + TimeSpan.FromSeconds(at), endsAt: null));

    /// <summary>Posts the same alerts again at <paramref name="at"/>, resolved half a second earlier; their
    /// startsAt is the scenario start, as Prometheus resends the original start time.</summary>
    public static ScenarioPost Resolve(double at, params string[][] alerts) =>
        new(TimeSpan.FromSeconds(at), start => Build(alerts, start, start + TimeSpan.FromSeconds(at - 0.5)));

    /// <summary>Creates silence <paramref name="name"/> (active for an hour) at <paramref name="at"/>; matchers as
    /// <c>name=value</c>, <c>name!=value</c>, <c>name=~re</c>, <c>name!~re</c>.</summary>
    public static ScenarioAction Silence(double at, string name, params string[] matchers) =>
        new(TimeSpan.FromSeconds(at), $"create silence {name}", side => side.AddSilenceAsync(name, matchers));

    /// <summary>Expires silence <paramref name="name"/> (DELETE) at <paramref name="at"/>.</summary>
    public static ScenarioAction Expire(double at, string name) =>
        new(TimeSpan.FromSeconds(at), $"expire silence {name}", side => side.ExpireSilenceAsync(name));

    /// <summary>Records <c>GET /api/v2/alerts</c> at <paramref name="at"/> as snapshot <paramref name="name"/>.</summary>
    public static ScenarioAction State(double at, string name) =>
        new(TimeSpan.FromSeconds(at), $"record alert states {name}", side => side.RecordStateAsync(name));

    /// <summary>An alert's labels (and annotations after a <c>|</c> item): <c>L("alertname=X", "|", "summary=s")</c>.</summary>
    public static string[] L(params string[] items) => items;

    private static JsonArray Build(string[][] alerts, DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var array = new JsonArray();
        foreach (var items in alerts)
        {
            var split = Array.IndexOf(items, "|");
            var labels = split < 0 ? items : items[..split];
            var annotations = split < 0 ? [] : items[(split + 1)..];
            array.Add(AlertJson.Alert(labels, annotations, startsAt, endsAt));
        }

        return array;
    }
}
