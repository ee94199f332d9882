using Vigil.Alertmanager.Config;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Config;

public sealed class ConfigLoaderValidTests
{
    [Fact]
    public void LoadFile_SeedConfigFixed_MapsToModel()
    {
        var result = ConfigTestData.Load("seed-fixed.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        var config = result.Config!;
        Assert.Equal("https://hooks.slack.com/services/T000/B000/XXXXXXXX", config.Global.SlackApiUrl!.Reveal());
        var receiver = Assert.Single(config.Receivers);
        Assert.Equal("slack-notifier", receiver.Name);
        var slack = Assert.Single(receiver.SlackConfigs);
        Assert.Equal("#monitoring", slack.Channel);
        Assert.True(slack.SendResolved);
        Assert.Equal("[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}", slack.Title);
        Assert.Equal("*Description:* {{ .CommonAnnotations.description }}", slack.Text);
        Assert.Equal(config.Global.SlackApiUrl, slack.ApiUrl);
        Assert.Equal("{{ template \"slack.default.username\" . }}", slack.Username);
        Assert.Equal("slack-notifier", config.Route.Receiver);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Route.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(1), config.Route.GroupInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Route.RepeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Global.ResolveTimeout);
    }

    [Fact]
    public void LoadFile_FullConfig_LoadsWithoutFindings()
    {
        var result = ConfigTestData.Load("full.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void LoadFile_FullConfig_GlobalAndTemplates()
    {
        var config = ConfigTestData.Load("full.yml").Config!;

        Assert.Equal(TimeSpan.FromMinutes(2), config.Global.ResolveTimeout);
        Assert.Equal("smtp.example.org:587", config.Global.SmtpSmarthost);
        Assert.Equal("http://proxy.example.org:3128", config.Global.HttpConfig.ProxyUrl);
        Assert.False(config.Global.HttpConfig.FollowRedirects);
        Assert.True(config.Global.HttpConfig.Tls.InsecureSkipVerify);
        var dir = Path.GetDirectoryName(Path.GetFullPath(ConfigTestData.PathOf("full.yml")))!;
        Assert.Equal([Path.Combine(dir, "templates/*.tmpl"), "/etc/alertmanager/extra.tmpl"], config.Templates);
    }

    [Fact]
    public void LoadFile_FullConfig_RouteTreeInheritsFromParent()
    {
        var route = ConfigTestData.Load("full.yml").Config!.Route;

        var critical = route.Routes[0];
        Assert.Equal("team-pager", critical.Receiver);
        Assert.Equal(["alertname", "cluster"], critical.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(10), critical.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), critical.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), critical.RepeatInterval);
        Assert.True(critical.Continue);
        Assert.Equal(["offhours"], critical.MuteTimeIntervals);

        var grandchild = critical.Routes[0];
        Assert.Equal("team-hook", grandchild.Receiver);
        Assert.True(grandchild.GroupByAll);
        Assert.Equal(TimeSpan.FromSeconds(10), grandchild.GroupWait);
        Assert.Empty(grandchild.MuteTimeIntervals);

        var second = route.Routes[1];
        Assert.Equal("team-slack", second.Receiver);
        Assert.Empty(second.GroupBy);
        Assert.False(second.GroupByAll);
        Assert.Equal(["business-hours"], second.ActiveTimeIntervals);
    }

    [Fact]
    public void LoadFile_FullConfig_MatchersMergedAndSortedByNameValueType()
    {
        var route = ConfigTestData.Load("full.yml").Config!.Route;

        Assert.Equal(["service=\"mysql\"", "severity=\"critical\"", "team=~\"db|infra\""], route.Routes[0].Matchers.Select(m => m.ToString()));
        Assert.Equal(MatcherType.Regexp, Assert.Single(route.Routes[1].Matchers).Type);
        Assert.Empty(route.Matchers);
    }

    [Fact]
    public void LoadFile_FullConfig_InhibitRules()
    {
        var rules = ConfigTestData.Load("full.yml").Config!.InhibitRules;

        Assert.Equal(2, rules.Count);
        Assert.Equal("severity=\"critical\"", Assert.Single(rules[0].SourceMatchers).ToString());
        Assert.Equal(["alertname", "cluster"], rules[0].Equal);
        Assert.Equal("severity=\"page\"", Assert.Single(rules[1].SourceMatchers).ToString());
        Assert.Equal("severity=~\"^(?:warn.*)$\"", Assert.Single(rules[1].TargetMatchers).ToString());
    }

    [Theory]
    [InlineData("team-(B|C)", "{}/{owner=~\"^(?:team-(B|C))$\"}")]
    [InlineData("^x$", "{}/{owner=~\"^(?:^x$)$\"}")]
    [InlineData("a|b", "{}/{owner=~\"^(?:a|b)$\"}")]
    public void Parse_MatchRe_RouteAndGroupKeyUseUpstreamAnchoredValue(string regex, string routeKey)
    {
        var yaml = $"route:\n  receiver: r\n  routes:\n    - match_re:\n        owner: '{regex}'\nreceivers:\n  - name: r\n";
        var result = ConfigLoader.Parse(yaml, "am.yml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var route = Vigil.Alertmanager.Dispatch.Route.Build(result.Config!.Route).Routes[0];
        Assert.Equal(routeKey, route.Key);
        Assert.Equal(routeKey + ":{}", route.GroupKey(LabelSet.Empty));
    }

    [Theory]
    [InlineData("source_match_re")]
    [InlineData("target_match_re")]
    public void Parse_InhibitMatchRe_AnchoredAsUpstream(string key)
    {
        var yaml = $"route:\n  receiver: r\nreceivers:\n  - name: r\ninhibit_rules:\n  - {key}:\n      severity: 'warn.*'\n";
        var rule = Assert.Single(ConfigLoader.Parse(yaml, "am.yml").Config!.InhibitRules);

        var matchers = key.StartsWith("source", StringComparison.Ordinal) ? rule.SourceMatchers : rule.TargetMatchers;
        Assert.Equal("severity=~\"^(?:warn.*)$\"", Assert.Single(matchers).ToString());
    }

    [Fact]
    public void LoadFile_FullConfig_SlackInheritsGlobalAndAppTokenBecomesBearer()
    {
        var config = ConfigTestData.Load("full.yml").Config!;
        var slack = config.Receivers[0].SlackConfigs;

        Assert.Null(slack[0].ApiUrl);
        Assert.Equal("/etc/alertmanager/slack-url", slack[0].ApiUrlFile);
        Assert.Same(config.Global.HttpConfig, slack[0].HttpConfig);
        Assert.Equal("Runbook", slack[0].Fields[0].Title);
        Assert.True(slack[0].Fields[0].Short);
        Assert.Equal("https://am.example.org/#/silences/new", slack[0].Actions[0].Url);

        Assert.Equal("https://slack.com/api/chat.postMessage", slack[1].ApiUrl!.Reveal());
        Assert.Equal("Bearer", slack[1].HttpConfig.Authorization!.Type);
        Assert.Equal("xoxb-123", slack[1].HttpConfig.Authorization!.Credentials!.Reveal());
        Assert.Equal("http://other-proxy:3128", slack[1].HttpConfig.ProxyUrl);
    }

    [Fact]
    public void LoadFile_FullConfig_WebhookAndOtherIntegrations()
    {
        var receivers = ConfigTestData.Load("full.yml").Config!.Receivers;

        Assert.Equal(new Dictionary<string, int> { ["email"] = 1, ["pagerduty"] = 1, ["opsgenie"] = 1 }, receivers[1].OtherIntegrations);
        var hook = Assert.Single(receivers[2].WebhookConfigs);
        Assert.Equal("http://hooks.example.org/alert?token=abc", hook.Url!.Reveal());
        Assert.Equal(10, hook.MaxAlerts);
        Assert.Equal(TimeSpan.FromSeconds(15), hook.Timeout);
        Assert.True(hook.SendResolved);
        Assert.Equal("bt-secret", hook.HttpConfig.Authorization!.Credentials!.Reveal());
    }

    [Fact]
    public void LoadFile_FullConfig_TimeIntervalsFromBothSections()
    {
        var intervals = ConfigTestData.Load("full.yml").Config!.TimeIntervals;

        Assert.Equal(["offhours", "business-hours"], intervals.Select(i => i.Name));
        var offhours = Assert.Single(intervals[0].Periods);
        Assert.Equal([new IntRange(6, 6), new IntRange(0, 0)], offhours.Weekdays);
        Assert.Equal([new IntRange(1, 5), new IntRange(-3, -1)], offhours.DaysOfMonth);
        Assert.Equal([new IntRange(1, 3), new IntRange(12, 12)], offhours.Months);
        Assert.Equal([new IntRange(2025, 2030)], offhours.Years);
        var business = Assert.Single(intervals[1].Periods);
        Assert.Equal([new IntRange(540, 1050)], business.Times);
        Assert.Equal([new IntRange(1, 5)], business.Weekdays);
        Assert.Equal("Europe/Berlin", business.Location);
    }

    [Theory]
    [InlineData("group_by: ['...']", true)]
    [InlineData("group_by: []", false)]
    public void Parse_GroupByForms_SetGroupByAll(string line, bool all)
    {
        var result = ConfigTestData.Parse(ConfigTestData.Yaml("route:", "  receiver: r", "  " + line, "receivers:", "  - name: r"));

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(all, result.Config!.Route.GroupByAll);
        Assert.Empty(result.Config.Route.GroupBy);
    }

    [Fact]
    public void Parse_MinimalConfig_UsesUpstreamDefaults()
    {
        var config = ConfigTestData.Parse(ConfigTestData.Yaml("route:", "  receiver: r", "receivers:", "  - name: r")).Config!;

        Assert.Equal(TimeSpan.FromSeconds(30), config.Route.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Route.GroupInterval);
        Assert.Equal(TimeSpan.FromHours(4), config.Route.RepeatInterval);
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", config.Global.PagerdutyUrl);
        Assert.True(config.Global.HttpConfig.FollowRedirects);
    }
}

public sealed class ConfigLoaderYamlFeatureTests
{
    [Fact]
    public void Parse_MergeKey_CopiesAnchoredEntriesExplicitKeysWin()
    {
        var yaml = ConfigTestData.Yaml(
            "route:",
            "  receiver: r",
            "  routes:",
            "    - &fast",
            "      receiver: r",
            "      group_wait: 1s",
            "      group_interval: 1m",
            "    - <<: *fast",
            "      group_wait: 2s",
            "receivers:",
            "  - name: r");

        var result = ConfigTestData.Parse(yaml);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var second = result.Config!.Route.Routes[1];
        Assert.Equal(TimeSpan.FromSeconds(2), second.GroupWait);
        Assert.Equal(TimeSpan.FromMinutes(1), second.GroupInterval);
    }

    [Fact]
    public void Parse_HttpConfigRelativeFiles_ResolvedAgainstConfigDirectory()
    {
        var yaml = ConfigTestData.Yaml(
            "global:",
            "  http_config:",
            "    authorization: {credentials_file: token.txt}",
            "    tls_config: {ca_file: ca.pem, cert_file: /abs/cert.pem}",
            "route:",
            "  receiver: r",
            "receivers:",
            "  - name: r");

        var config = Alertmanager.Config.ConfigLoader.Parse(yaml, "/etc/alertmanager/alertmanager.yml").Config!;

        Assert.Equal("/etc/alertmanager/token.txt", config.Global.HttpConfig.Authorization!.CredentialsFile);
        Assert.Equal("/etc/alertmanager/ca.pem", config.Global.HttpConfig.Tls.CaFile);
        Assert.Equal("/abs/cert.pem", config.Global.HttpConfig.Tls.CertFile);
    }

    [Fact]
    public void Parse_SecretsInInvalidValues_NeverAppearInFindings()
    {
        var yaml = ConfigTestData.Yaml(
            "global:",
            "  slack_api_url: not-a-url-SECRET1",
            "  smtp_auth_password: [SECRET2]",
            "route:",
            "  receiver: r",
            "receivers:",
            "  - name: r",
            "    slack_configs:",
            "      - api_url: ftp://SECRET3",
            "        send_resolved: maybe",
            "    webhook_configs:",
            "      - url: SECRET4",
            "        http_config:",
            "          bearer_token: #SECRET5",
            "          basic_auth: {password: SECRET6, password_file: /x}",
            "    pagerduty_configs:",
            "      - routing_key: {SECRET7: x}");

        var result = ConfigTestData.Parse(yaml);

        var all = string.Join("\n", result.Errors.Concat(result.Warnings));
        Assert.NotEmpty(result.Errors);
        Assert.DoesNotContain("SECRET", all, StringComparison.Ordinal);
    }
}
