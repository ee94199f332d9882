using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>group_by variants, the three timers and send_resolved.</summary>
public static class GroupingScenarios
{
    public static Scenario GroupBy { get; } = new()
    {
        Name = "group-by",
        Config = $$"""
            route:
              receiver: by-name
            {{ScenarioKit.Timers}}
              routes:
              - matchers: [case="name"]
                receiver: by-name
                group_by: [alertname]
              - matchers: [case="all"]
                receiver: by-all
                group_by: ['...']
              - matchers: [case="none"]
                receiver: by-none
                group_by: []
              - matchers: [case="two"]
                receiver: by-two
                group_by: [alertname, instance]
            receivers:
            {{Hook("by-name")}}
            {{Hook("by-all")}}
            {{Hook("by-none")}}
            {{Hook("by-two")}}
            """,
        Posts = [Fire(0, [.. new[] { "name", "all", "none", "two" }.SelectMany(Three)])],
        ObserveFor = TimeSpan.FromSeconds(3.5),
        // by-name: X and Y; by-all: one per alert; by-none: one group; by-two: one per alert.
        ExpectedRequests = 2 + 3 + 1 + 3,
    };

    /// <summary>group_wait 1s, group_interval 2s, repeat_interval 3s: a first flush at 1s, a changed group
    /// flushed at the 3s tick, the unchanged group left alone at 5s (2s since the last send) and repeated
    /// at 7s (4s since).</summary>
    public static Scenario TimerIntervals { get; } = new()
    {
        Name = "timers",
        Config = $$"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 3s
            receivers:
            {{Hook("hook")}}
            """,
        Posts = [Fire(0, L("alertname=T", "instance=1")), Fire(2, L("alertname=T", "instance=2"))],
        ObserveFor = TimeSpan.FromSeconds(8.5),
        ExpectedRequests = 3,
    };

    /// <summary>One alert to two receivers (via continue), one with send_resolved, one without.</summary>
    public static Scenario SendResolved { get; } = new()
    {
        Name = "send-resolved",
        Config = $$"""
            route:
              receiver: quiet
              group_by: [alertname]
            {{ScenarioKit.Timers}}
              routes:
              - matchers: [alertname="R"]
                receiver: loud
                continue: true
              - matchers: [alertname="R"]
                receiver: quiet
            receivers:
            {{Hook("loud", sendResolved: true)}}
            {{Hook("quiet", sendResolved: false)}}
            """,
        Posts =
        [
            Fire(0, L("alertname=R", "instance=1"), L("alertname=R", "instance=2")),
            // One of the two resolves: "loud" is told at the 3s tick; for "quiet" the firing set shrank,
            // which is no news (upstream's dedup sends only when the firing set grows or repeat is due).
            // Then the other resolves: again only "loud" is told (5s tick).
            Resolve(2, L("alertname=R", "instance=1")),
            Resolve(4, L("alertname=R", "instance=2")),
        ],
        ObserveFor = TimeSpan.FromSeconds(6.8),
        ExpectedRequests = 4,
    };

    public static IEnumerable<Scenario> All => [GroupBy, TimerIntervals, SendResolved];

    private static string[][] Three(string kind) =>
    [
        L("alertname=X", "instance=1", "case=" + kind),
        L("alertname=X", "instance=2", "case=" + kind),
        L("alertname=Y", "instance=1", "case=" + kind),
    ];
}
