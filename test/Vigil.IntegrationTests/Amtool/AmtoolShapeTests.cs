using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Amtool;

/// <summary>amtool's output against Vigil and against the real Alertmanager, compared: scripts that parse
/// one must be able to parse the other.</summary>
public sealed class AmtoolShapeTests
{
    [Fact]
    public async Task AlertQueryJson_VigilAndReal_HaveTheSameShape()
    {
        var shapes = new List<string>();
        foreach (var flavor in new[] { AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil })
        {
            await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
            await Harness.Amtool.RunAsync(am, "alert", "add", "alertname=Shape", "severity=critical", "--annotation=summary=s");
            var (code, output, stdout) = await Harness.Amtool.RunAsync(am, "alert", "query", "-o", "json");
            Assert.True(code == 0, output + am.Diagnostics());
            shapes.Add(Shape(JsonNode.Parse(stdout)!));
        }

        Assert.Equal(shapes[0], shapes[1]);
    }

    [Fact]
    public async Task ConfigShow_VigilAndReal_AgreeOnRoutesAndReceivers()
    {
        var summaries = new List<string>();
        foreach (var flavor in new[] { AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil })
        {
            await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
            var (code, output, stdout) = await Harness.Amtool.RunAsync(am, "config", "show");
            Assert.True(code == 0, output + am.Diagnostics());
            var root = AmtoolTests.ParseYaml(stdout);
            summaries.Add($"{AmtoolTests.Scalar(root, "route", "receiver")} {string.Join(',', AmtoolTests.ReceiverNames(root))}");
        }

        Assert.Equal(summaries[0], summaries[1]);
    }

    [Fact]
    public async Task SilenceQueryJson_VigilAndReal_HaveTheSameShape()
    {
        var shapes = new List<string>();
        foreach (var flavor in new[] { AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil })
        {
            await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);
            await Harness.Amtool.RunAsync(am, "silence", "add", "alertname=Shape", "env=~prod|dev", "--comment=c", "--author=a");
            var (code, output, stdout) = await Harness.Amtool.RunAsync(am, "silence", "query", "-o", "json");
            Assert.True(code == 0, output + am.Diagnostics());
            shapes.Add(Shape(JsonNode.Parse(stdout)!));
        }

        Assert.Equal(shapes[0], shapes[1]);
    }

    /// <summary>amtool draws the tree itself from the server's config, so the text must be identical.</summary>
    [Fact]
    public async Task ConfigRoutesShow_VigilAndReal_PrintTheSameTree()
    {
        var trees = new List<string>();
        foreach (var flavor in new[] { AlertmanagerFlavor.Real, AlertmanagerFlavor.Vigil })
        {
            await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolImportAndRoutesTests.RoutesConfig);
            var (code, output, stdout) = await Harness.Amtool.RunAsync(am, "config", "routes", "show");
            Assert.True(code == 0, output + am.Diagnostics());
            trees.Add(stdout);
        }

        Assert.Equal(trees[0], trees[1]);
    }

    /// <summary>Field names and value kinds, recursively, sorted: what a script parsing the JSON relies on.</summary>
    private static string Shape(JsonNode node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + ":" + (p.Value is null ? "null" : Shape(p.Value)))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(n => n is null ? "null" : Shape(n)).Distinct()) + "]",
        _ => node.GetValueKind().ToString(),
    };
}
