using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Silences created through API v2: regex and negative matchers, created before the alerts arrive
/// and after their group was notified, expired with DELETE, and <c>silencedBy</c> in the API.</summary>
public static class SilenceScenarios
{
    /// <summary>Two silences exist before any alert; each of <c>=~</c>, <c>!~</c>, <c>!=</c> decides one alert.</summary>
    public static Scenario Matchers { get; } = new()
    {
        Name = "silence-matchers",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
            {{ScenarioKit.Timers}}
            receivers:
            {{Hook("hook")}}
            """,
        Posts =
        [
            Fire(0.5,
                L("alertname=DiskFull", "instance=web-1"),
                L("alertname=DiskFull", "instance=db-1"),
                L("alertname=DiskSlow", "instance=web-2"),
                L("alertname=Net", "severity=warning"),
                L("alertname=Net", "severity=critical")),
        ],
        Actions =
        [
            Silence(0, "disks-not-db", "alertname=~Disk.*", "instance!~db-.*"),
            Silence(0, "net-not-critical", "alertname=Net", "severity!=critical"),
            State(2, "silenced"),
        ],
        ObserveFor = TimeSpan.FromSeconds(2.5),
        // DiskFull{db-1} and Net{critical}; DiskSlow's only alert is silenced.
        ExpectedRequests = 2,
        ExpectedStates = new Dictionary<string, string[]>
        {
            ["silenced"] =
            [
                "{alertname=DiskFull, instance=db-1} active silencedBy=[] inhibitedBy=[]",
                "{alertname=DiskFull, instance=web-1} suppressed silencedBy=[disks-not-db] inhibitedBy=[]",
                "{alertname=DiskSlow, instance=web-2} suppressed silencedBy=[disks-not-db] inhibitedBy=[]",
                "{alertname=Net, severity=critical} active silencedBy=[] inhibitedBy=[]",
                "{alertname=Net, severity=warning} suppressed silencedBy=[net-not-critical] inhibitedBy=[]",
            ],
        },
    };

    /// <summary>Group A's instance 2 is silenced before it arrives, group B after it was notified. Expiring
    /// A's silence delivers A again at its next tick (its firing set grew); expiring B's sends nothing, because
    /// B's firing set is what was last notified (and silencing it sent nothing either).</summary>
    public static Scenario BeforeAfterAndExpiry { get; } = new()
    {
        Name = "silence-before-after-expiry",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
            {{ScenarioKit.Timers}}
            receivers:
            {{Hook("hook")}}
            """,
        Posts = [Fire(0.3, L("alertname=A", "instance=1"), L("alertname=A", "instance=2"), L("alertname=B", "instance=1"))],
        Actions =
        [
            Silence(0, "before", "alertname=A", "instance=2"),
            // Groups tick at 1.3s, 3.3s, 5.3s.
            Silence(1.8, "after", "alertname=B"),
            State(2.2, "both-silenced"),
            Expire(2.5, "before"),
            Expire(4, "after"),
            State(4.5, "both-expired"),
        ],
        ObserveFor = TimeSpan.FromSeconds(6),
        // 1.3s: A{1}, B{1}. 3.3s: A{1,2}. Nothing for B at 3.3s (muted) or 5.3s (unchanged).
        ExpectedRequests = 3,
        ExpectedStates = new Dictionary<string, string[]>
        {
            ["both-silenced"] =
            [
                "{alertname=A, instance=1} active silencedBy=[] inhibitedBy=[]",
                "{alertname=A, instance=2} suppressed silencedBy=[before] inhibitedBy=[]",
                "{alertname=B, instance=1} suppressed silencedBy=[after] inhibitedBy=[]",
            ],
            ["both-expired"] =
            [
                "{alertname=A, instance=1} active silencedBy=[] inhibitedBy=[]",
                "{alertname=A, instance=2} active silencedBy=[] inhibitedBy=[]",
                "{alertname=B, instance=1} active silencedBy=[] inhibitedBy=[]",
            ],
        },
    };

    public static IEnumerable<Scenario> All => [Matchers, BeforeAfterAndExpiry];
}
