using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Amtool;

/// <summary>
/// The published <c>vigil silence/alert</c> commands against a running server: Vigil itself and the
/// real Alertmanager 0.25 (the CLI speaks the same API to both).
/// </summary>
public sealed class VigilCliTests
{
    private static Task<(int ExitCode, string Output)> Vigil(AlertmanagerServer am, params string[] args) =>
        VigilBinary.RunAsync([.. args, "--alertmanager.url=" + am.BaseUrl]);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task SilenceLifecycle_PreviewAddQueryExpire_Works(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
        Assert.Equal(0, (await Vigil(am, "alert", "add", "DiskFull", "env=prod", "--annotation=summary=disk")).ExitCode);
        Assert.Equal(0, (await Vigil(am, "alert", "add", "DiskFull", "env=dev")).ExitCode);

        var preview = await Vigil(am, "silence", "add", "--dry-run", "alertname=DiskFull", "env=prod");
        Assert.True(preview.ExitCode == 0, preview.Output + am.Diagnostics());
        Assert.Contains("It would mute 1 of 2 current alerts:", preview.Output, StringComparison.Ordinal);
        Assert.Empty(await SilencesAsync(am));

        var add = await Vigil(am, "silence", "add", "alertname=DiskFull", "env=prod", "--comment=replace disk", "--author=ops");
        Assert.True(add.ExitCode == 0, add.Output + am.Diagnostics());
        var id = add.Output.Trim().Split('\n')[^1];
        Assert.Matches("^[0-9a-f-]{36}$", id);

        var alerts = "";
        await Poll.UntilAsync(
            async () =>
            {
                alerts = (await Vigil(am, "alert", "query", "--silenced")).Output;
                return alerts.Contains("silence \"replace disk\" by ops", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20),
            "the alert to be listed as silenced by name",
            () => alerts + am.Diagnostics());
        Assert.Contains("DiskFull", alerts, StringComparison.Ordinal);

        var query = await Vigil(am, "silence", "query", "--quiet");
        Assert.Equal(id, query.Output.Trim());

        Assert.Equal(0, (await Vigil(am, "silence", "expire", id)).ExitCode);
        Assert.Equal(id, (await Vigil(am, "silence", "query", "--quiet", "--expired")).Output.Trim());
    }

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task SilenceImport_OwnJsonExport_RecreatesOnAnotherServer(AlertmanagerFlavor flavor)
    {
        await using var source = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
        await using var target = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
        Assert.Equal(0, (await Vigil(source, "silence", "add", "job=~api|web", "--comment=c", "--author=a")).ExitCode);

        var export = await Vigil(source, "silence", "query", "--output=json");
        var file = target.Dir.Write("s.json", export.Output[export.Output.IndexOf('[', StringComparison.Ordinal)..]);
        var import = await Vigil(target, "silence", "import", file);

        Assert.True(import.ExitCode == 0, import.Output + target.Diagnostics());
        Assert.Contains("imported 1 of 1 silences", import.Output, StringComparison.Ordinal);
        var silence = Assert.Single(await SilencesAsync(target));
        Assert.Equal("job:api|web:regex=true:equal=true", AmtoolImportAndRoutesTests.Matchers(silence!["matchers"]!.AsArray()));
    }

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task SilenceAdd_ServerRefuses_PrintsServersMessageExit1(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);

        // Both servers refuse a silence whose end is in the past, each with its own words.
        var add = await Vigil(am, "silence", "add", "a=b", "--comment=c", "--start=2020-01-01T00:00:00Z", "--end=2020-01-02T00:00:00Z");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains("vigil: error: POST /api/v2/silences failed: 400 Bad Request: ", add.Output, StringComparison.Ordinal);
        Assert.Contains("end time can't be in the past", add.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", add.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilenceQuery_NoServer_OneLineErrorExit1()
    {
        var result = await VigilBinary.RunAsync(["silence", "query", "--alertmanager.url=http://127.0.0.1:" + FreePort.Next()]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("vigil: error: cannot reach Alertmanager at http://127.0.0.1:", result.Output.Trim(), StringComparison.Ordinal);
        Assert.Single(result.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task MaxSilences_Exceeded_Vigil400WithUpstreamMessage()
    {
        await using var am = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Vigil, AmtoolTests.Config, extraArgs: ["--silences.max-silences=1", "--silences.max-silence-size-bytes=300"]);
        Assert.Equal(0, (await Vigil(am, "silence", "add", "a=b", "--comment=c")).ExitCode);

        var second = await Vigil(am, "silence", "add", "a=c", "--comment=c");
        var big = await Vigil(am, "silence", "add", "a=d", "--comment=" + new string('x', 400));

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("400 Bad Request: exceeded maximum number of silences: 1 (limit: 1)", second.Output, StringComparison.Ordinal);
        Assert.Matches(@"400 Bad Request: (silence exceeded maximum size: \d+ bytes \(limit: 300 bytes\)|exceeded maximum number of silences)", big.Output);
    }

    [Fact]
    public async Task Start_StoragePathUnderAFile_OneLineErrorExit1()
    {
        using var dir = new TempDirectory("storage");
        var file = dir.Write("not-a-dir", "");
        var config = dir.Write("alertmanager.yml", AmtoolTests.Config);

        var (code, output) = await VigilBinary.RunAsync(["alertmanager", "--config.file=" + config, "--storage.path=" + Path.Combine(file, "data"), "--web.listen-address=127.0.0.1:" + FreePort.Next(), "--cluster.listen-address="]);

        Assert.Equal(1, code);
        Assert.Contains("level=error", output, StringComparison.Ordinal);
        Assert.Contains("cannot open storage directory", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<JsonArray> SilencesAsync(AlertmanagerServer am) =>
        JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/silences"))!.AsArray();
}
