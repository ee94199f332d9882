using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>inhibit_rules: matchers old and new, <c>equal</c> with the label on both sides, on neither side
/// (counts as equal) and on one side only, <c>inhibitedBy</c> in the API, and a resolved source.</summary>
public static class InhibitionScenarios
{
    private const string Critical = "{alertname=Crit, cluster=a, severity=critical}";
    private const string NodeDown = "{alertname=NodeDown}";

    /// <summary>Who is inhibited by whom, with every target posted in the same batch as its source.</summary>
    public static Scenario EqualLabels { get; } = new()
    {
        Name = "inhibit-equal",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
            {{ScenarioKit.Timers}}
            inhibit_rules:
            - source_matchers: [severity="critical"]
              target_matchers: [severity="warning"]
              equal: [cluster]
            - source_match: {alertname: NodeDown}
              target_match_re: {alertname: 'Disk.*'}
              equal: [zone]
            receivers:
            {{Hook("hook")}}
            """,
        Posts =
        [
            Fire(0,
                L("alertname=Crit", "severity=critical", "cluster=a"),
                // cluster=a on both sides: inhibited. cluster=b: not. No cluster on the target only: not.
                L("alertname=Warn", "severity=warning", "cluster=a"),
                L("alertname=Warn", "severity=warning", "cluster=b"),
                L("alertname=Warn", "severity=warning"),
                // Legacy matchers; zone on neither side counts as equal (inhibited), on one side only does not.
                L("alertname=NodeDown"),
                L("alertname=DiskFull"),
                L("alertname=DiskSlow", "zone=z1")),
        ],
        Actions = [State(2, "after-first-flush")],
        ObserveFor = TimeSpan.FromSeconds(3),
        // Crit, Warn (cluster=b and the one without cluster), NodeDown, DiskSlow; DiskFull's group is all inhibited.
        ExpectedRequests = 4,
        ExpectedStates = new Dictionary<string, string[]>
        {
            ["after-first-flush"] =
            [
                "{alertname=Crit, cluster=a, severity=critical} active silencedBy=[] inhibitedBy=[]",
                $"{{alertname=DiskFull}} suppressed silencedBy=[] inhibitedBy=[{NodeDown}]",
                "{alertname=DiskSlow, zone=z1} active silencedBy=[] inhibitedBy=[]",
                "{alertname=NodeDown} active silencedBy=[] inhibitedBy=[]",
                $"{{alertname=Warn, cluster=a, severity=warning}} suppressed silencedBy=[] inhibitedBy=[{Critical}]",
                "{alertname=Warn, cluster=b, severity=warning} active silencedBy=[] inhibitedBy=[]",
                "{alertname=Warn, severity=warning} active silencedBy=[] inhibitedBy=[]",
            ],
        },
    };

    /// <summary>The source resolves: its resolved notice goes out, and the target it was inhibiting is delivered
    /// at its group's next tick after that.</summary>
    public static Scenario ResolvedSource { get; } = new()
    {
        Name = "inhibit-resolved-source",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
            {{ScenarioKit.Timers}}
            inhibit_rules:
            - source_match: {severity: critical}
              target_match_re: {severity: 'warn.*|info'}
              equal: [cluster]
            receivers:
            {{Hook("hook")}}
            """,
        Posts =
        [
            Fire(0,
                L("alertname=Crit", "severity=critical", "cluster=a"),
                L("alertname=Warn", "severity=warning", "cluster=a"),
                L("alertname=Warn", "severity=warning", "cluster=b")),
            // Between the 1s and 3s ticks: resolved from 3.0s, told at 3s (Crit) and Warn grows at 3s.
            Resolve(3.5, L("alertname=Crit", "severity=critical", "cluster=a")),
        ],
        Actions = [State(2, "inhibited"), State(4, "source-resolved")],
        ObserveFor = TimeSpan.FromSeconds(6.5),
        // 1s: Crit, Warn{b}. 5s: Crit resolved, Warn{a,b}.
        ExpectedRequests = 4,
        ExpectedStates = new Dictionary<string, string[]>
        {
            ["inhibited"] =
            [
                "{alertname=Crit, cluster=a, severity=critical} active silencedBy=[] inhibitedBy=[]",
                $"{{alertname=Warn, cluster=a, severity=warning}} suppressed silencedBy=[] inhibitedBy=[{Critical}]",
                "{alertname=Warn, cluster=b, severity=warning} active silencedBy=[] inhibitedBy=[]",
            ],
            ["source-resolved"] =
            [
                "{alertname=Warn, cluster=a, severity=warning} active silencedBy=[] inhibitedBy=[]",
                "{alertname=Warn, cluster=b, severity=warning} active silencedBy=[] inhibitedBy=[]",
            ],
        },
    };

    public static IEnumerable<Scenario> All => [EqualLabels, ResolvedSource];
}
