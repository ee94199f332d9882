using Vigil.IntegrationTests.Harness;
using YamlDotNet.RepresentationModel;

namespace Vigil.IntegrationTests.Amtool;

/// <summary>The real amtool 0.25 driving the Alertmanager under test, the way an operator would.</summary>
public sealed class AmtoolTests
{
    internal const string Config = """
        route:
          receiver: team-x
          group_by: [alertname]
          routes:
          - matchers: [severity="critical"]
            receiver: pager
        receivers:
        - name: team-x
        - name: pager
        """;

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task AlertAdd_ThenQuery_ListsTheAlert(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, Config);

        var add = await Harness.Amtool.RunAsync(am, "alert", "add", "alertname=AmtoolCheck", "severity=critical");
        var query = await Harness.Amtool.RunAsync(am, "alert", "query");

        Assert.True(add.ExitCode == 0, add.Output + am.Diagnostics());
        Assert.True(query.ExitCode == 0, query.Output + am.Diagnostics());
        Assert.Equal(["Alertname", "Starts", "At", "Summary", "State"], Words(query.StandardOutput.Split('\n')[0]));
        Assert.Contains("AmtoolCheck", query.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task ConfigShow_RunningConfig_ShowsRouteAndReceivers(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, Config);

        var (code, output, stdout) = await Harness.Amtool.RunAsync(am, "config", "show");

        Assert.True(code == 0, output + am.Diagnostics());
        var root = ParseYaml(stdout);
        Assert.Equal("team-x", Scalar(root, "route", "receiver"));
        Assert.Equal(["team-x", "pager"], ReceiverNames(root));
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal static YamlMappingNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    internal static string? Scalar(YamlMappingNode root, string section, string key) =>
        ((YamlMappingNode)root[section])[key] is YamlScalarNode scalar ? scalar.Value : null;

    internal static string[] ReceiverNames(YamlMappingNode root) =>
        [.. ((YamlSequenceNode)root["receivers"]).Cast<YamlMappingNode>().Select(r => ((YamlScalarNode)r["name"]).Value ?? "")];
}
