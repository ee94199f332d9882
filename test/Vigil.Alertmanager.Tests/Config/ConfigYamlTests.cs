using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Tests.Config;

public sealed class ConfigYamlTests
{
    [Fact]
    public void ToMaskedYaml_FullConfig_HidesEverySecret()
    {
        var config = ConfigTestData.Load("full.yml").Config!;

        var masked = ConfigYaml.ToMaskedYaml(config);

        foreach (var secret in new[] { "hunter2", "og-key", "xoxb-123", "pd-key", "bt-secret", "token=abc" })
        {
            Assert.DoesNotContain(secret, masked, StringComparison.Ordinal);
        }
        Assert.Contains("<secret>", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void ToMaskedYaml_SeedConfig_MasksSlackUrlKeepsTheRest()
    {
        var config = ConfigTestData.Load("seed-fixed.yml").Config!;

        var masked = ConfigYaml.ToMaskedYaml(config);

        Assert.DoesNotContain("hooks.slack.com", masked, StringComparison.Ordinal);
        Assert.Contains("slack_api_url: <secret>", masked, StringComparison.Ordinal);
        Assert.Contains("#monitoring", masked, StringComparison.Ordinal);
        Assert.Contains("group_wait: 10s", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_SecretsInCommentsAndLabelsNamedLikeSecrets_CommentsDroppedLabelsKept()
    {
        var yaml = ConfigTestData.Yaml(
            "# old: https://hooks.slack.com/services/OLD/SECRET",
            "route:",
            "  receiver: r",
            "  routes:",
            "    - match:",
            "        token: visible",
            "receivers:",
            "  - name: r",
            "    slack_configs:",
            "      - api_url: https://hooks.slack.com/services/NEW/SECRET",
            "    webhook_configs:",
            "      - url: https://example.org/hook?key=SECRET",
            "        http_config:",
            "          basic_auth: {username: u, password: SECRET}");

        var masked = ConfigYaml.Mask(yaml);

        Assert.DoesNotContain("SECRET", masked, StringComparison.Ordinal);
        Assert.Contains("visible", masked, StringComparison.Ordinal);
        Assert.True(ConfigLoader.Parse(masked, "masked.yml").Ok, "masked YAML loads again");
    }

    [Fact]
    public void Mask_PasswordInsideProxyUrl_PasswordRedactedUserAndHostKept()
    {
        var yaml = ConfigTestData.Yaml(
            "route:",
            "  receiver: r",
            "receivers:",
            "  - name: r",
            "    slack_configs:",
            "      - channel: '#a'",
            "        api_url: https://hooks.slack.com/services/X",
            "        http_config:",
            "          proxy_url: http://proxyuser:PROXYPASS@proxy.internal:3128");

        var masked = ConfigYaml.Mask(yaml);

        Assert.DoesNotContain("PROXYPASS", masked, StringComparison.Ordinal);
        Assert.Contains("proxyuser", masked, StringComparison.Ordinal);
        Assert.Contains("proxy.internal:3128", masked, StringComparison.Ordinal);
        Assert.True(ConfigLoader.Parse(masked, "masked.yml").Ok, "masked YAML loads again");
    }

    [Fact]
    public void Parse_MaskedSecretUrl_IsAccepted()
    {
        var yaml = ConfigTestData.Yaml("global:", "  slack_api_url: <secret>", "route:", "  receiver: r", "receivers:", "  - name: r", "    slack_configs: [{channel: '#a'}]");

        Assert.True(ConfigTestData.Parse(yaml).Ok);
    }
}
