using static Vigil.IntegrationTests.Differential.ScenarioKit;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Routing trees: nested routes, <c>continue</c>, matchers of every kind (=, !=, =~, !~, legacy
/// <c>match</c>), and the fall-back to the root receiver; legacy <c>match_re</c> in its own scenario.</summary>
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
              - matchers: ['service=~"db|cache"']
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
        ObserveFor = TimeSpan.FromSeconds(3),
        ExpectedRequests = 6,
    };

    /// <summary>Legacy <c>match_re</c>. Its group key shows the regex as Alertmanager stores it, anchored
    /// (<c>service=~"^(?:^(db|cache)$)$"</c>): both 0.25 and today's upstream build the route matcher from
    /// the compiled regexp's String(), so the key (seen in webhook payloads and the groups API) has it.</summary>
    public static Scenario LegacyMatchRe { get; } = new()
    {
        Name = "routing-legacy-match-re",
        Config = $$"""
            route:
              receiver: default
              group_by: [alertname]
            {{Timers}}
              routes:
              - match_re: {service: '^(db|cache)$'}
                receiver: storage
              - match_re: {env: 'prod|staging', tier: 'front.*'}
                receiver: front
            receivers:
            {{Hook("default")}}
            {{Hook("storage")}}
            {{Hook("front")}}
            """,
        Posts =
        [
            Fire(0,
                L("alertname=S1", "service=db"),
                L("alertname=S2", "service=dbx"),
                L("alertname=F1", "env=prod", "tier=frontend")),
        ],
        ObserveFor = TimeSpan.FromSeconds(3),
        ExpectedRequests = 3,
    };

    public static IEnumerable<Scenario> All => [Tree, LegacyMatchRe];
}
