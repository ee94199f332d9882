using Vigil.IntegrationTests.Harness;
using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Receiver failures and retries, and webhook max_alerts.</summary>
public static class DeliveryScenarios
{
    /// <summary>A 500 is retried within the same flush (after a backoff of about half a second); a 400 is not
    /// retried, and since nothing was logged as sent, the next group_interval tick sends again.</summary>
    public static Scenario Retry { get; } = new()
    {
        Name = "retry",
        Config = $$"""
            route:
              receiver: flaky
              group_by: [alertname]
            {{Timers}}
              routes:
              - matchers: [alertname="C"]
                receiver: rejecting
            receivers:
            {{Hook("flaky")}}
            {{Hook("rejecting")}}
            """,
        Posts = [Fire(0, L("alertname=F")), Fire(0, L("alertname=C"))],
        Scripts = new Dictionary<string, SinkResponse[]>
        {
            ["/flaky"] = [SinkResponse.ServerError],
            ["/rejecting"] = [new SinkResponse(400, "bad request")],
        },
        ObserveFor = TimeSpan.FromSeconds(4.5),
        ExpectedRequests = 2 + 2,
    };

    /// <summary>max_alerts: 2 on a group of three: two alerts sent, <c>truncatedAlerts: 1</c>.</summary>
    public static Scenario MaxAlerts { get; } = new()
    {
        Name = "webhook-max-alerts",
        Config = $$"""
            route:
              receiver: capped
              group_by: [alertname]
            {{Timers}}
            receivers:
            {{Hook("capped", maxAlerts: 2)}}
            """,
        Posts = [Fire(0, L("alertname=M", "instance=a"), L("alertname=M", "instance=b"), L("alertname=M", "instance=c"))],
        ObserveFor = TimeSpan.FromSeconds(2.5),
        ExpectedRequests = 1,
    };

    public static IEnumerable<Scenario> All => [Retry, MaxAlerts];
}
