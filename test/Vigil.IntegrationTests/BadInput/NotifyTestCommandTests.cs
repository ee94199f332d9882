using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary><c>vigil notify test</c> proves a receiver before an alert needs it, and says what the far side's
/// answer means (the seed's 403 invalid_token was only found in a log, after the fact).</summary>
public sealed class NotifyTestCommandTests
{
    [Fact]
    public async Task NotifyTest_Slack403_PrintsWhatItMeansAndFails()
    {
        await using var sink = await HttpSink.StartAsync();
        sink.Always("/slack", SinkResponse.InvalidToken);
        using var dir = new TempDirectory("notify");
        var config = dir.Write("alertmanager.yml", SeedConfig.AlertmanagerYaml(sink.Url("/slack")));

        var (code, output) = await VigilBinary.RunAsync(["notify", "test", "--config.file=" + config, "--receiver=slack-notifier"]);

        Assert.NotEqual(0, code);
        Assert.Single(sink.On("/slack"));
        Assert.Contains("403", output, StringComparison.Ordinal);
        Assert.Contains("invalid_token", output, StringComparison.Ordinal);
        Assert.Contains("revoked", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task NotifyTest_SlackAnswersOk_SendsOneMessageAndSucceeds()
    {
        await using var sink = await HttpSink.StartAsync();
        using var dir = new TempDirectory("notify");
        var config = dir.Write("alertmanager.yml", SeedConfig.AlertmanagerYaml(sink.Url("/slack")));

        var (code, output) = await VigilBinary.RunAsync(["notify", "test", "--config.file=" + config]);

        Assert.True(code == 0, output);
        Assert.Equal("#monitoring", (string?)sink.On("/slack").Single().Json["channel"]);
    }
}
