using Vigil.Rules.RuleFiles;

namespace Vigil.Rules.Tests.RuleFiles;

public sealed class RuleFileLoaderTests
{
    private const string Good = """
        groups:
          - name: node
            interval: 30s
            limit: 10
            query_offset: 1m
            labels:
              team: infra
            rules:
              - alert: InstanceDown
                expr: up == 0
                for: 1m
                keep_firing_for: 2m
                labels:
                  severity: page
                annotations:
                  summary: "Instance {{ $labels.instance }} down ({{ $value | humanize }})"
              - record: job:up:sum
                expr: sum by (job) (up)
        """;

    [Fact]
    public void Parse_ValidFile_ReadsGroupsAndRules()
    {
        var result = RuleFileLoader.Parse(Good, "rules.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var group = Assert.Single(result.File!.Groups);
        Assert.Equal(("node", TimeSpan.FromSeconds(30), 10L, TimeSpan.FromMinutes(1)), (group.Name, group.Interval!.Value, group.Limit, group.QueryOffset!.Value));
        Assert.Equal("infra", group.Labels["team"]);
        Assert.Equal(2, result.File.RuleCount);
        var alert = group.Rules[0];
        Assert.Equal(("InstanceDown", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), "page"), (alert.Alert, alert.For, alert.KeepFiringFor, alert.Labels["severity"]));
        Assert.Equal("job:up:sum", group.Rules[1].Record);
        Assert.Equal(new Vigil.Config.SourcePosition(9, 9), alert.Position);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("# only a comment\n", 0)]
    [InlineData("groups: []\n", 0)]
    [InlineData("groups:\n  - name: empty\n    rules: []\n", 0)]
    public void Parse_EmptyButValid_LoadsNoRules(string yaml, int rules)
    {
        var result = RuleFileLoader.Parse(yaml, "r.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(rules, result.File!.RuleCount);
    }

    [Theory]
    // A rule in the wrong shape.
    [InlineData("- alert: A\n  expr: up\n", "r.yml:1:1: expected a mapping with groups:, got a list; a rule file starts with groups:")]
    [InlineData("groups:\n- name: g\n  rules:\n  - expr: up\n", "4:5: groups[0].rules[0]: one of 'record' or 'alert' must be set")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    record: a\n    expr: up\n", "5:5: groups[0].rules[0].record: only one of 'record' and 'alert' must be set")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n", "4:5: groups[0].rules[0].expr: field 'expr' must be set in rule")]
    // PromQL errors point into the expression.
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == = 0\n", "5:17: groups[0].rules[0].expr: could not parse expression: 1:7: parse error")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: 'sum(up'\n", "groups[0].rules[0].expr: could not parse expression:")]
    // Group problems.
    [InlineData("groups:\n- rules: []\n", "2:3: groups[0].name: a group needs a name")]
    [InlineData("groups:\n- name: g\n- name: g\n", "3:9: groups[1].name: group name \"g\" is repeated in the same file")]
    [InlineData("groups:\n- name: g\n  interval: 30\n", "3:13: groups[0].interval: ")]
    [InlineData("groups:\n- name: g\n  limit: -1\n", "groups[0].limit: limit must not be negative")]
    // Recording rules.
    [InlineData("groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n    for: 1m\n", "groups[0].rules[0].for: invalid field 'for' in recording rule")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: a\n    expr: up\n    annotations:\n      x: y\n", "invalid field 'annotations' in recording rule")]
    [InlineData("groups:\n- name: g\n  rules:\n  - record: 'a{b=\"c\"}'\n    expr: up\n", "braces present in the recording rule name")]
    // Names and templates.
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    labels:\n      __name__: x\n", "7:7: groups[0].rules[0].labels.__name__: invalid label name")]
    [InlineData("groups:\n- name: g\n  labels:\n    '': x\n", "groups[0].labels.: invalid label name")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n      s: '{{ $labels.x '\n", "7:10: groups[0].rules[0].annotations.s: error parsing annotation template")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n      s: '{{ nosuchfunc }}'\n", "error parsing annotation template")]
    [InlineData("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    for: soon\n", "groups[0].rules[0].for:")]
    // YAML itself.
    [InlineData("groups:\n- name: g\n  name: h\n", "r.yml:3:3: YAML syntax error")]
    public void Parse_BadFile_ReportsPositionAndField(string yaml, string expected)
    {
        var result = RuleFileLoader.Parse(yaml, "r.yml");

        Assert.False(result.Ok);
        Assert.Null(result.File);
        Assert.Contains(result.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fro", "Rule", "did you mean for?")]
    [InlineData("summary", "Rule", "it belongs under annotations:")]
    [InlineData("severity", "Rule", "it belongs under labels:")]
    [InlineData("interval", "Rule", "belongs to the group")]
    [InlineData("expr", "Group", "inside a list entry under rules:")]
    [InlineData("route", "Group", "it belongs in alertmanager.yml")]
    [InlineData("receivers", "Top", "it belongs in alertmanager.yml")]
    [InlineData("scrape_configs", "Top", "it belongs in prometheus.yml")]
    [InlineData("rules", "Top", "a rule file starts with groups:")]
    public void Parse_MisplacedKey_NamesWhereItBelongs(string key, string where, string hint)
    {
        var yaml = where switch
        {
            "Top" => $"{key}: x\n",
            "Group" => $"groups:\n- name: g\n  {key}: x\n",
            _ => $"groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    {key}: x\n",
        };

        var error = Assert.Single(RuleFileLoader.Parse(yaml, "r.yml").Errors);

        Assert.Contains("not allowed", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LiteralBlockExpr_PointsAtTheLineInsideTheBlock()
    {
        const string yaml = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: |\n      sum(up)\n        + = 1\n";

        var error = Assert.Single(RuleFileLoader.Parse(yaml, "r.yml").Errors);

        Assert.Equal((7, 11), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_EveryProblem_ReportedAtOnce()
    {
        const string yaml = "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up ==\n  - record: b\n    expr: up\n    for: 1m\n- name: g\n";

        var errors = RuleFileLoader.Parse(yaml, "r.yml").Errors;

        Assert.Equal([5, 8, 9], errors.Select(e => e.Line));
    }

    [Fact]
    public void LoadFile_Missing_ReportsTheFile()
    {
        var result = RuleFileLoader.LoadFile("/nonexistent/rules.yml");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("/nonexistent/rules.yml: cannot read the rule file", error.ToString(), StringComparison.Ordinal);
    }
}
