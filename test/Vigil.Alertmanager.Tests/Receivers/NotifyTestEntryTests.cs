using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

/// <summary>The public entry point the CLI calls: templates from the config, real clients.</summary>
public sealed class NotifyTestEntryTests
{
    [Fact]
    public async Task RunAsync_ConfigTemplates_UsedForTheTestMessage()
    {
        using var slack = new FakeEndpoint();
        var dir = Directory.CreateTempSubdirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "slack.tmpl"), "{{ define \"my.title\" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}");
        var config = new AlertmanagerConfig
        {
            Route = new RouteConfig { Receiver = "slack-notifier" },
            Templates = [Path.Combine(dir.FullName, "*.tmpl")],
            Receivers = [new ReceiverConfig { Name = "slack-notifier", SlackConfigs = [new SlackConfig { ApiUrl = new Secret(slack.Url("/s")), Channel = "#monitoring", Title = "{{ template \"my.title\" . }}" }] }],
        };
        var output = new StringWriter();

        var exit = await NotifyTest.RunAsync(config, "slack-notifier", output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("\"title\":\"[FIRING] VigilTestNotification\"", slack.Single().Body, StringComparison.Ordinal);
        Assert.Contains("slack_configs[0]: ok (200)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TemplateFileDoesNotParse_FailsNamingTheFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bad.tmpl"), "{{ define \"x\" }}");
        var config = new AlertmanagerConfig { Route = new RouteConfig { Receiver = "r" }, Templates = [Path.Combine(dir.FullName, "*.tmpl")], Receivers = [new ReceiverConfig { Name = "r" }] };
        var output = new StringWriter();

        var exit = await NotifyTest.RunAsync(config, null, output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith("templates: template file bad.tmpl: ", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "so Slack posts to the webhook's default channel")]
    [InlineData(true, "but chat.postMessage needs one")]
    public void Notes_EmptyChannel_ExplainsTheYamlCommentTrap(bool appToken, string expected)
    {
        var slack = appToken ? new SlackConfig { AppToken = new Secret("xoxb") } : new SlackConfig();
        var receiver = new ReceiverConfig { Name = "slack-notifier", SlackConfigs = [slack, new SlackConfig { Channel = "#ok" }] };

        var note = Assert.Single(NotifyTest.Notes(receiver));

        Assert.Contains(expected, note, StringComparison.Ordinal);
        Assert.Contains("quote it ('#name')", note, StringComparison.Ordinal);
    }
}
