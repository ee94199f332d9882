using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Slack payloads: the default templates, and the seed's custom title and text.</summary>
public static class SlackScenarios
{
    /// <summary>Everything defaulted except the channel; firing, then resolved (send_resolved on).</summary>
    public static Scenario Defaults { get; } = new()
    {
        Name = "slack-default-templates",
        Config = $$"""
            global:
              slack_api_url: '{{Scenario.SinkToken}}/slack'
            route:
              receiver: slack
              group_by: [alertname, job]
            {{Timers}}
            receivers:
            - name: slack
              slack_configs:
              - channel: '#monitoring'
                send_resolved: true
            """,
        Posts =
        [
            Fire(0,
                L("alertname=HighLatency", "job=api", "instance=a:9100", "severity=warning", "|", "summary=Latency high", "description=p99 over 1s on a"),
                L("alertname=HighLatency", "job=api", "instance=b:9100", "severity=warning", "|", "summary=Latency high", "description=p99 over 1s on b")),
            Resolve(2,
                L("alertname=HighLatency", "job=api", "instance=a:9100", "severity=warning", "|", "summary=Latency high", "description=p99 over 1s on a"),
                L("alertname=HighLatency", "job=api", "instance=b:9100", "severity=warning", "|", "summary=Latency high", "description=p99 over 1s on b")),
        ],
        ObserveFor = TimeSpan.FromSeconds(4.5),
        ExpectedRequests = 2,
    };

    /// <summary>The seed's alertmanager.yml (title <c>[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}</c>).</summary>
    public static Scenario Seed { get; } = new()
    {
        Name = "slack-seed-templates",
        Config = Harness.SeedConfig.AlertmanagerYaml(Scenario.SinkToken + "/slack"),
        Posts =
        [
            Fire(0, L("alertname=InstanceDown", "instance=node-1:9100", "job=node", "severity=critical", "|",
                "title=Instance node-1:9100 down", "description=node-1:9100 of job node has been down for more than 1 minute.")),
            Resolve(2, L("alertname=InstanceDown", "instance=node-1:9100", "job=node", "severity=critical", "|",
                "title=Instance node-1:9100 down", "description=node-1:9100 of job node has been down for more than 1 minute.")),
        ],
        ObserveFor = TimeSpan.FromSeconds(4.5),
        ExpectedRequests = 2,
    };

    public static IEnumerable<Scenario> All => [Defaults, Seed];
}
