using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Scrape.Discovery;
using Vigil.Scrape.Tests.Loop;

namespace Vigil.Scrape.Tests.Discovery;

public sealed class FileDiscoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-filesd").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("[{\"targets\": [\"a:1\", \"b:1\"], \"labels\": {\"env\": \"prod\"}}]")]
    [InlineData("- targets: [a:1, b:1]\n  labels:\n    env: prod\n")]
    public void Parse_JsonOrYaml_GivesGroupsWithFilePath(string content)
    {
        var group = Assert.Single(FileDiscovery.Parse("/x/t.json", content));

        Assert.Equal(["a:1", "b:1"], group.Targets);
        Assert.Equal("prod", group.Labels["env"]);
        Assert.Equal("/x/t.json", group.Labels["__meta_filepath"]);
    }

    [Theory]
    [InlineData("{\"targets\": []}", "expected a list of target groups")]
    [InlineData("- targets: [a:1]\n  hosts: [b]\n", "line 2: unexpected field \"hosts\"")]
    public void Parse_BadShape_SaysWhatIsWrong(string content, string expected)
    {
        var e = Assert.Throws<FormatException>(() => FileDiscovery.Parse("t.yml", content));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileBecomesInvalid_KeepsLastGoodGroupsAndReportsFile()
    {
        var path = Path.Combine(_dir, "t.json");
        File.WriteAllText(path, "[{\"targets\": [\"a:1\"]}]");
        var discovery = new FileDiscovery();
        var config = new FileSdConfig([Path.Combine(_dir, "*.json")], TimeSpan.FromMinutes(5));
        discovery.Read(config);

        File.WriteAllText(path, "[{\"targets\": [");
        var groups = discovery.Read(config);

        Assert.Equal(["a:1"], Assert.Single(groups).Targets);
        Assert.StartsWith($"file_sd {path}: ", Assert.Single(discovery.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manager_FileChanges_PicksUpNewTargetAfterRefreshInterval()
    {
        var path = Path.Combine(_dir, "t.yml");
        File.WriteAllText(path, "- targets: [a:1]\n");
        var time = new FakeTimeProvider(LoopFixture.Start);
        await using var manager = new ScrapeManager(new RecordingStorage().Appender, new HttpClient(new FakeExporter()), time);
        var config = LoopFixture.NewConfig("files") with
        {
            Discovery = new DiscoveryConfigs { Files = [new FileSdConfig([path], TimeSpan.FromSeconds(30))] },
        };
        await manager.ApplyAsync([config]);
        Assert.Single(manager.ActiveTargets());

        File.WriteAllText(path, "- targets: [a:1, b:1]\n");
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["a:1", "b:1"], manager.ActiveTargets().Select(t => t.Target.Labels.Get("instance")));
        Assert.Equal(path, manager.ActiveTargets()[0].Target.DiscoveredLabels.Get("__meta_filepath"));
    }
}
