using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Cli;

namespace Vigil.Api.Tests.Hosting;

public sealed class EmbeddedDefaultTests
{
    [Fact]
    public async Task Start_NoConfigFlagAndNoFile_RunsOnEmbeddedDefaultWithWarning()
    {
        await using var am = await TestAlertmanager.StartWithoutConfigFileAsync();

        Assert.Equal(HttpStatusCode.OK, (await am.Http.GetAsync("/-/ready")).StatusCode);
        Assert.Equal("""[{"name":"default"}]""", await am.Http.GetStringAsync("/api/v2/receivers"));
        var status = JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/status"))!;
        Assert.Contains("group_by:", status["config"]!["original"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["alertname"], am.Service.Config.Route.GroupBy);
        Assert.Contains("running on the embedded default config", am.Log.ToString(), StringComparison.Ordinal);
        Assert.Contains("--config.file=FILE", am.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_EmbeddedDefault_AlertsGroupedByAlertnameToDefault()
    {
        await using var am = await TestAlertmanager.StartWithoutConfigFileAsync();
        using var body = new StringContent("""[{"labels":{"alertname":"A","x":"1"}}]""", Encoding.UTF8, "application/json");

        (await am.Http.PostAsync("/api/v2/alerts", body)).EnsureSuccessStatusCode();

        var group = Assert.Single(JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/alerts/groups"))!.AsArray())!;
        Assert.Equal("""{"alertname":"A"}""", group["labels"]!.ToJsonString());
        Assert.Equal("default", group["receiver"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_StillNoFile_KeepsEmbeddedDefault()
    {
        await using var am = await TestAlertmanager.StartWithoutConfigFileAsync();

        var response = await am.Http.PostAsync("/-/reload", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"name":"default"}]""", await am.Http.GetStringAsync("/api/v2/receivers"));
    }

    [Fact]
    public async Task Reload_FileAppeared_PicksItUp()
    {
        await using var am = await TestAlertmanager.StartWithoutConfigFileAsync();
        await File.WriteAllTextAsync(am.ConfigPath, AlertmanagerApiTests.Config);

        (await am.Http.PostAsync("/-/reload", null)).EnsureSuccessStatusCode();

        Assert.Contains("team-a", await am.Http.GetStringAsync("/api/v2/receivers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alertmanager_ExplicitConfigFileMissing_FailsNamingTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-am-missing-").FullName;
        var file = Path.Combine(dir, "nosuch.yml");
        var err = new StringWriter();
        string[] args = ["alertmanager", $"--config.file={file}", $"--storage.path={Path.Combine(dir, "data")}", "--web.listen-address=127.0.0.1:0", "--cluster.listen-address="];

        var code = await new CommandLine(Program.Commands, "v").RunAsync(args, new CommandIo(new StringWriter(), err, default));

        Assert.Equal(1, code);
        Assert.Contains($"{file}: cannot read the config file", err.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("embedded default", err.ToString(), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
