namespace Vigil.Alertmanager.Tests.Config;

public sealed class ConfigLoaderWarningTests
{
    /// <summary>Each row: YAML that loads, then the expected line, field path and fragment of one warning.</summary>
    public static TheoryData<string, string, int, string, string> Cases => new()
    {
        { "unquoted channel", "route:\n  receiver: r\nreceivers:\n  - name: r\n    slack_configs:\n      - api_url: https://x.example\n        channel: #monitoring\n", 7, "receivers[0].slack_configs[0].channel", "quote it: channel: '#monitoring'" },
        { "unquoted receiver", "route:\n  receiver: r\n  routes:\n    - receiver: #team\nreceivers:\n  - name: r\n", 4, "route.routes[0].receiver", "an unquoted '#' starts a YAML comment" },
        { "secret not echoed", "route:\n  receiver: r\nreceivers:\n  - name: r\n    slack_configs:\n      - api_url: https://x.example\n        channel: x\n    webhook_configs:\n      - url: http://x.example\n        http_config:\n          bearer_token: #tok\n", 11, "receivers[0].webhook_configs[0].http_config.bearer_token", "quote it: bearer_token: '#...'" },
        { "unused receiver", "route:\n  receiver: r\nreceivers:\n  - name: r\n  - name: lonely\n", 5, "receivers[1]", "receiver \"lonely\" is defined but no route sends alerts to it" },
        { "repeat shorter than group interval", "route:\n  receiver: r\n  group_interval: 10m\n  repeat_interval: 5m\nreceivers:\n  - name: r\n", 4, "route.repeat_interval", "shorter than group_interval" },
        { "repeat not a multiple", "route:\n  receiver: r\n  group_interval: 2m\n  repeat_interval: 5m\nreceivers:\n  - name: r\n", 4, "route.repeat_interval", "rounded up to 6m" },
        { "group interval above inherited repeat", "route:\n  receiver: r\n  repeat_interval: 1h\n  routes:\n    - group_interval: 2h\nreceivers:\n  - name: r\n", 5, "route.routes[0].group_interval", "shorter than group_interval (2h)" },
        { "inhibit rule without matchers", "route:\n  receiver: r\nreceivers:\n  - name: r\ninhibit_rules:\n  - equal: [a]\n", 6, "inhibit_rules[0]", "every alert inhibits" },
        { "second document", "route:\n  receiver: r\nreceivers:\n  - name: r\n---\nroute: {}\n", 6, "", "only the first YAML document is used" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_SuspiciousConfig_LoadsWithWarning(string name, string yaml, int line, string field, string fragment)
    {
        var result = ConfigTestData.Parse(yaml);

        Assert.True(result.Ok, $"{name}: {string.Join("\n", result.Errors)}");
        Assert.True(
            result.Warnings.Any(w => w.Line == line && w.Field == field && w.ToString().Contains(fragment, StringComparison.Ordinal)),
            $"{name}: no warning at line {line}, field '{field}' containing '{fragment}'. Got:\n{string.Join("\n", result.Warnings)}");
    }

    [Fact]
    public void Parse_UnquotedChannel_WarningPointsAtTheHash()
    {
        var result = ConfigTestData.Load("seed-original.yml");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((6, 18), (warning.Line, warning.Column));
    }

    [Fact]
    public void Parse_QuotedChannelAndHashInsideValue_NoWarning()
    {
        var yaml = ConfigTestData.Yaml(
            "route:",
            "  receiver: r",
            "receivers:",
            "  - name: r",
            "    slack_configs:",
            "      - api_url: https://x.example # the webhook",
            "        channel: '#monitoring'",
            "        title: a#b");

        Assert.Empty(ConfigTestData.Parse(yaml).Warnings);
    }
}
