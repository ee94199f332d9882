using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Routing trees: nested routes, <c>continue</c>, matchers of every kind (=, !=, =~, !~, legacy
/// <c>match</c>/<c>match_re</c>), and the fall-back to the root receiver.</summary>
public static class RoutingScenarios
{
    public static Scenario Tree { get; } = new()
    {
        Name = "routing-tree",
        Config = $$"""
            route:
              receiver: default
              group_by: [alertname]
            {{Timers}}
              routes:
              - matchers: ['team="a"']
                receiver: team-a
                continue: true
                routes:
                - matchers: ['severity=~"crit.*"']
                  receiver: team-a-pager
              - matchers: ['team!="b"', 'env!~"dev|test"']
                receiver: not-b
              - match: {team: b}
                receiver: team-b
              - match_re: {service: '^(db|cache)$'}
                receiver: storage
            receivers:
            {{Hook("default")}}
            {{Hook("team-a")}}
            {{Hook("team-a-pager")}}
            {{Hook("not-b")}}
            {{Hook("team-b")}}
            {{Hook("storage")}}
            """,
        Posts =
        [
            Fire(0,
                // Nested child wins inside team-a; continue lets not-b (no env label: "" !~ dev|test) match too.
                L("alertname=A1", "team=a", "severity=critical"),
                // team-a itself (child does not match); env=dev stops not-b.
                L("alertname=A2", "team=a", "severity=warning", "env=dev"),
                L("alertname=B1", "team=b"),
                L("alertname=S1", "team=c", "service=db", "env=test"),
                // Nothing matches: the root receiver.
                L("alertname=D1", "env=dev")),
        ],
        ObserveFor = TimeSpan.FromSeconds(3.5),
        ExpectedRequests = 6,
    };

    public static IEnumerable<Scenario> All => [Tree];
}
