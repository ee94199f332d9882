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
        Assert.Equal(12, finding.ToConfigFinding("alertmanager.yml", 0).Line);
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

    [Fact]
    public void Check_Config_FindingsPointAtFileAndReceiverLine()
    {
        var config = new AlertmanagerConfig
        {
            SourcePath = "alertmanager.yml",
            Route = new RouteConfig { Receiver = "a" },
            Receivers =
            [
                new ReceiverConfig { Name = "a", SlackConfigs = [new SlackConfig()] },
                new ReceiverConfig { Name = "b", SlackConfigs = [new SlackConfig { Title = "{{ .Status" }], Position = new SourcePosition(20, 5) },
            ],
        };

        var finding = Assert.Single(TemplateValidation.Check(config, TimeProvider.System));

        Assert.StartsWith("alertmanager.yml:20:5: receivers[1].slack_configs[0].title: ", finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TemplateFileDoesNotParse_OneFindingNamingTheFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "x.tmpl"), "{{ if }}");
        var config = new AlertmanagerConfig { SourcePath = "am.yml", Route = new RouteConfig(), Templates = [Path.Combine(dir.FullName, "*.tmpl")] };

        var finding = Assert.Single(TemplateValidation.Check(config, TimeProvider.System));

        Assert.Contains("template file x.tmpl", finding.Message, StringComparison.Ordinal);
    }
}
