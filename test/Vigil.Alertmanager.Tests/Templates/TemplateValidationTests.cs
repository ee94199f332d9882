using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Templates;

namespace Vigil.Alertmanager.Tests.Templates;

public sealed class TemplateValidationTests
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.Load([], "", TimeProvider.System);

    [Fact]
    public void Validate_SeedConfig_NoFindings()
    {
        var receiver = new ReceiverConfig
        {
            Name = "slack-notifier",
            SlackConfigs = [new SlackConfig { Title = "[{{.Status | toUpper}}] {{ .CommonLabels.alertname }}", Text = "*Description:* {{ .CommonAnnotations.description }}" }],
        };

        Assert.Empty(Templates.Validate(receiver));
    }

    [Theory]
    [InlineData("{{ .Status ", "title")]
    [InlineData("{{ nosuchfunc .Status }}", "title")]
    [InlineData("{{ template \"nosuch\" . }}{{ end }}", "title")]
    public void Validate_BrokenTitle_FindingNamesReceiverAndField(string title, string field)
    {
        var receiver = new ReceiverConfig { Name = "slack-notifier", SlackConfigs = [new SlackConfig { Title = title }], Position = new SourcePosition(12, 3) };

        var finding = Assert.Single(Templates.Validate(receiver));

        Assert.Equal($"slack_configs[0].{field}", finding.Field);
        Assert.StartsWith($"receiver slack-notifier, slack_configs[0].{field}: ", finding.ToString(), StringComparison.Ordinal);
        Assert.Equal(12, finding.ToConfigFinding("alertmanager.yml").Line);
    }

    [Fact]
    public void Validate_BrokenFieldValue_IndexedPath()
    {
        var receiver = new ReceiverConfig { Name = "r", SlackConfigs = [new SlackConfig(), new SlackConfig { Fields = [new SlackField { Title = "ok", Value = "{{ .X" }] }] };

        Assert.Equal("slack_configs[1].fields[0].value", Assert.Single(Templates.Validate(receiver)).Field);
    }

    [Fact]
    public void Validate_BrokenTemplatedWebhookUrl_NeverShowsTheUrl()
    {
        var receiver = new ReceiverConfig { Name = "w", WebhookConfigs = [new WebhookConfig { Url = new Secret("https://hooks.example/SEKRET/{{ .GroupLabels.x ") }] };

        var finding = Assert.Single(Templates.Validate(receiver));

        Assert.DoesNotContain("SEKRET", finding.ToString(), StringComparison.Ordinal);
    }
}
