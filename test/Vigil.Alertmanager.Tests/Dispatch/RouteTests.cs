using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Dispatch;

public sealed class RouteTests
{
    private static Matcher M(string text) => MatcherParser.Parse(text);

    private static RouteConfig R(string receiver, string[] matchers, bool @continue = false, params RouteConfig[] routes) => new()
    {
        Receiver = receiver,
        Matchers = [.. matchers.Select(M)],
        Continue = @continue,
        Routes = routes,
    };

    // The tree of upstream's TestRouteMatch, reduced: team-A with env children, team-B|C, group_by=role.
    private static readonly Route Tree = Route.Build(R("default", [],
        routes:
        [
            R("notify-A", ["owner=\"team-A\""], routes:
            [
                R("notify-productionA", ["env=\"production\""], @continue: true),
                R("notify-productionB", ["env=~\"produ.*\"", "job=~\".*\""]),
                R("notify-testing", ["env=\"testing\""]),
            ]),
            R("notify-BC", ["owner=~\"team-(B|C)\""]),
            R("notify-role", ["group_by=\"role\""], routes:
            [
                R("notify-testing-role", ["env=\"testing\""], routes: [R("notify-long", ["wait=\"long\""])]),
            ]),
        ]));

    [Theory]
    [InlineData(new[] { "owner", "team-A" }, new[] { "{}/{owner=\"team-A\"}" })]
    [InlineData(new[] { "owner", "team-A", "env", "unset" }, new[] { "{}/{owner=\"team-A\"}" })]
    [InlineData(new[] { "owner", "team-C" }, new[] { "{}/{owner=~\"team-(B|C)\"}" })]
    [InlineData(new[] { "owner", "team-A", "env", "testing" }, new[] { "{}/{owner=\"team-A\"}/{env=\"testing\"}" })]
    [InlineData(new[] { "owner", "team-A", "env", "production" }, new[] { "{}/{owner=\"team-A\"}/{env=\"production\"}", "{}/{owner=\"team-A\"}/{env=~\"produ.*\",job=~\".*\"}" })]
    [InlineData(new[] { "group_by", "role" }, new[] { "{}/{group_by=\"role\"}" })]
    [InlineData(new[] { "group_by", "role", "env", "testing" }, new[] { "{}/{group_by=\"role\"}/{env=\"testing\"}" })]
    [InlineData(new[] { "group_by", "role", "env", "testing", "wait", "long" }, new[] { "{}/{group_by=\"role\"}/{env=\"testing\"}/{wait=\"long\"}" })]
    [InlineData(new[] { "owner", "nobody" }, new[] { "{}" })]
    public void Match_Labels_ReturnsRoutesWithUpstreamKeys(string[] labels, string[] expectedKeys)
    {
        Assert.Equal(expectedKeys, Tree.Match(L(labels)).Select(r => r.Key));
    }

    [Fact]
    public void Match_ContinueOnFirstChild_AlsoMatchesLaterSibling()
    {
        var receivers = Tree.Match(L("owner", "team-A", "env", "production")).Select(r => r.Receiver);

        Assert.Equal(["notify-productionA", "notify-productionB"], receivers);
    }

    [Fact]
    public void Match_RootNotMatching_ReturnsNothing()
    {
        var root = Route.Build(R("r", ["a=\"1\""]));

        Assert.Empty(root.Match(L("a", "2")));
    }

    [Fact]
    public void Key_MatchersOutOfOrder_SortedByNameValueThenOperator()
    {
        var root = Route.Build(R("r", [], routes: R("c", ["z=\"1\"", "a!=\"2\"", "a=\"2\"", "a=\"1\""])));

        Assert.Equal("{}/{a=\"1\",a=\"2\",a!=\"2\",z=\"1\"}", root.Routes[0].Key);
    }

    [Fact]
    public void Key_ValueWithQuoteNewlineBackslashAndUnicode_EscapedTheOpenMetricsWay()
    {
        var root = Route.Build(new RouteConfig { Routes = [new RouteConfig { Matchers = [new Matcher(MatcherType.Equal, "a", "x\"y\nz\\é\t")] }] });

        Assert.Equal("{}/{a=\"x\\\"y\\nz\\\\é\t\"}", root.Routes[0].Key);
    }

    [Fact]
    public void Key_LegacyMatchReValue_KeepsTheAnchoredFormTheLoaderGives()
    {
        // Alertmanager 0.25 prints match_re matchers with the anchors its config type adds.
        var root = Route.Build(new RouteConfig { Routes = [new RouteConfig { Matchers = [new Matcher(MatcherType.Regexp, "owner", "^(?:team-(B|C))$")] }] });

        Assert.Equal("{}/{owner=~\"^(?:team-(B|C))$\"}", root.Routes[0].Key);
        Assert.Single(root.Match(L("owner", "team-B")), root.Routes[0]);
    }

    [Fact]
    public void Id_Nodes_AppendSiblingIndexBelowRoot()
    {
        // As upstream's TestRouteID: equal siblings share a key but not an id.
        var root = Route.Build(R("default", [], routes:
        [
            R("test1", ["foo=\"bar\""], true, R("x", ["bar=\"baz\""])),
            R("test1", ["foo=\"bar\""], true, R("x", ["bar=\"baz\""])),
        ]));

        var ids = new List<string>();
        root.Walk(r => ids.Add(r.Id));

        Assert.Equal(
            ["{}", "{}/{foo=\"bar\"}/0", "{}/{foo=\"bar\"}/0/{bar=\"baz\"}/0", "{}/{foo=\"bar\"}/1", "{}/{foo=\"bar\"}/1/{bar=\"baz\"}/0"],
            ids);
        Assert.Equal(root.Routes[0].Key, root.Routes[1].Key);
    }

    [Fact]
    public void Walk_Tree_VisitsDepthFirstInIndexOrder()
    {
        var indexes = new List<int>();

        Tree.Walk(r => indexes.Add(r.Index));

        Assert.Equal(Enumerable.Range(0, Tree.Count), indexes);
    }

    [Theory]
    [InlineData(new string[0], false, "{}")]
    [InlineData(new[] { "alertname" }, false, "{alertname=\"A\"}")]
    [InlineData(new[] { "alertname", "cluster", "missing" }, false, "{alertname=\"A\", cluster=\"c1\"}")]
    [InlineData(new string[0], true, "{alertname=\"A\", cluster=\"c1\", instance=\"i:9\"}")]
    public void GroupKey_GroupByVariants_AsUpstream(string[] groupBy, bool all, string labels)
    {
        var root = Route.Build(new RouteConfig { Receiver = "r", GroupBy = groupBy, GroupByAll = all });
        var alert = L("alertname", "A", "cluster", "c1", "instance", "i:9");

        Assert.Equal("{}:" + labels, root.GroupKey(root.GroupLabels(alert)));
    }

    [Fact]
    public void GroupKey_NamesWhereOneIsAPrefix_SortedAsGoSortsRenderedPairs()
    {
        // Go sorts `env2="b"` before `env="a"` because '2' < '='.
        var root = Route.Build(new RouteConfig { GroupBy = ["env", "env2"], Routes = [new RouteConfig { Matchers = [M("severity=\"critical\"")] }] });
        var child = root.Routes[0];

        Assert.Equal("{}/{severity=\"critical\"}:{env2=\"b\", env=\"a\"}", child.GroupKey(L("env", "a", "env2", "b")));
    }
}
