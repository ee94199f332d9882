using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Amtool;

/// <summary>The real amtool 0.25: <c>silence import</c> and <c>config routes test/show</c>, against Vigil and the real Alertmanager.</summary>
public sealed class AmtoolImportAndRoutesTests
{
    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task SilenceImport_QueryJsonOfAnotherServer_RecreatesSilences(AlertmanagerFlavor flavor)
    {
        await using var source = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
        await using var target = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
        await AddAsync(source, "alertname=Disk", "env=~prod|staging");
        await AddAsync(source, "alertname=Cpu", "host!=db1");

        var export = await Harness.Amtool.RunAsync(source, "silence", "query", "-o", "json");
        Assert.True(export.ExitCode == 0, export.Output + source.Diagnostics());
        var file = target.Dir.Write("silences.json", export.StandardOutput);
        var import = await Harness.Amtool.RunAsync(target, "silence", "import", file);

        Assert.True(import.ExitCode == 0, import.Output + target.Diagnostics());
        Assert.Equal(2, import.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(Summary(await SilencesAsync(source)), Summary(await SilencesAsync(target)));
    }

    [Fact]
    public async Task SilenceImport_VigilExportIntoRealAlertmanager_Accepted()
    {
        await using var vigil = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Vigil, AmtoolTests.Config);
        await using var real = await AlertmanagerServer.StartAsync(AlertmanagerFlavor.Real, AmtoolTests.Config);
        await AddAsync(vigil, "alertname=Disk", "env=~prod|staging");

        var export = await Harness.Amtool.RunAsync(vigil, "silence", "query", "-o", "json");
        var import = await Harness.Amtool.RunAsync(real, "silence", "import", real.Dir.Write("s.json", export.StandardOutput));

        Assert.True(import.ExitCode == 0, import.Output + real.Diagnostics());
        Assert.Equal(Summary(await SilencesAsync(vigil)), Summary(await SilencesAsync(real)));
    }

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task ConfigRoutesTest_FromServersConfig_ResolvesReceivers(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);

        var pager = await Harness.Amtool.RunAsync(am, "config", "routes", "test", "severity=critical");
        var other = await Harness.Amtool.RunAsync(am, "config", "routes", "test", "severity=info");
        var show = await Harness.Amtool.RunAsync(am, "config", "routes", "show");

        Assert.True(pager.ExitCode == 0, pager.Output + am.Diagnostics());
        Assert.Equal("pager", pager.StandardOutput.Trim());
        Assert.Equal("team-x", other.StandardOutput.Trim());
        Assert.True(show.ExitCode == 0, show.Output);
        Assert.Contains("severity=\"critical\"", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pager", show.StandardOutput, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RouteCases => new()
    {
        { "service=db", "" },
        { "service=db severity=page", "" },
        { "service=web", "" },
        { "alertname=X", "" },
        { "service=db", "db,frontline" },
        { "service=db", "db" },
        { "service=~db", "" },
    };

    /// <summary>amtool reads --config.file locally; vigil must print the same first line and exit the same way.</summary>
    [Theory]
    [MemberData(nameof(RouteCases))]
    public async Task ConfigRoutesTest_LocalFile_VigilAgreesWithAmtool(string labels, string verify)
    {
        using var dir = new TempDirectory("routes");
        var file = dir.Write("alertmanager.yml", RoutesConfig);
        string[] args = ["config", "routes", "test", "--config.file=" + file, .. verify.Length > 0 ? ["--verify.receivers=" + verify] : Array.Empty<string>(), .. labels.Split(' ')];

        var amtool = await ManagedProcess.RunCapturedAsync(RequiredProgram.Amtool, args, TimeSpan.FromSeconds(30));
        var (vigilCode, vigilOutput) = await VigilBinary.RunAsync(args);

        Assert.Equal(amtool.ExitCode, vigilCode);
        if (amtool.ExitCode == 0)
        {
            Assert.Equal(amtool.StandardOutput.Split('\n')[0], vigilOutput.Split('\n')[0]);
        }
    }

    internal const string RoutesConfig = """
        route:
          receiver: default
          group_by: [alertname]
          routes:
          - matchers: ['service="db"']
            receiver: db
            continue: true
            routes:
            - matchers: ['severity="page"']
              receiver: db-pager
          - matchers: ['service=~"db|web"']
            receiver: frontline
        receivers:
        - name: default
        - name: db
        - name: db-pager
        - name: frontline
        """;

    private static async Task AddAsync(AlertmanagerServer am, params string[] matchers)
    {
        var add = await Harness.Amtool.RunAsync(am, ["silence", "add", .. matchers, "--comment=import test", "--author=ops", "--duration=2h"]);
        Assert.True(add.ExitCode == 0, add.Output + am.Diagnostics());
    }

    private static async Task<JsonArray> SilencesAsync(AlertmanagerServer am) =>
        JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/silences"))!.AsArray();

    // What must survive an import: matchers, author, comment, state (the servers order JSON keys differently).
    internal static List<string> Summary(JsonArray silences) =>
    [
        .. silences.Select(s => $"{Matchers(s!["matchers"]!.AsArray())} {s["createdBy"]} {s["comment"]} {s["status"]!["state"]}").Order(StringComparer.Ordinal),
    ];

    internal static string Matchers(JsonArray matchers) => string.Join(",", matchers.Select(m =>
        $"{m!["name"]}:{m["value"]}:regex={m["isRegex"]}:equal={m["isEqual"]}"));
}
