using System.Globalization;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>The real <c>promtool query ...</c> (Prometheus 2.42's client) against <c>vigil prometheus</c>.</summary>
public sealed class PromtoolTests
{
    private static string Promtool => RequiredProgram.Find("promtool", "prometheus");

    private static async Task<string> RunAsync(params string[] args)
    {
        var result = await ManagedProcess.RunCapturedAsync(Promtool, args, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"promtool {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Output}");
        return result.StandardOutput;
    }

    // promtool's series and labels commands look at a window around now, so the data is recent.
    private static readonly long DataStart = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000) - 600_000;

    private static async Task<VigilPrometheusServer> StartWithDataAsync()
    {
        var vigil = await VigilPrometheusServer.StartAsync();
        using var response = await vigil.WriteAsync(GeneratedSeries.Make(3, 0, 5, DataStart));
        Assert.True(response.IsSuccessStatusCode, vigil.Diagnostics());
        return vigil;
    }

    private static string At(int step) => ((DataStart + (step * GeneratedSeries.Step)) / 1000).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task QueryInstant_Vigil_PrintsVector()
    {
        await using var vigil = await StartWithDataAsync();
        var output = await RunAsync("query", "instant", "--time=" + At(4), vigil.BaseUrl, "gen_metric{series=\"001\"}");
        Assert.Equal($"gen_metric{{group=\"1\", series=\"001\"}} => 1004.25 @[{At(4)}]", output.Trim());
    }

    [Fact]
    public async Task QueryRange_Vigil_PrintsEveryStep()
    {
        await using var vigil = await StartWithDataAsync();
        var output = await RunAsync("query", "range", "--start=" + At(0), "--end=" + At(4), "--step=15s", vigil.BaseUrl, "gen_metric{series=\"002\"}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        Assert.Equal("gen_metric{group=\"2\", series=\"002\"} =>", lines[0]);
        Assert.Equal([$"2000.25 @[{At(0)}]", $"2001.25 @[{At(1)}]", $"2002.25 @[{At(2)}]", $"2003.25 @[{At(3)}]", $"2004.25 @[{At(4)}]"], lines[1..]);
    }

    [Fact]
    public async Task QuerySeries_Vigil_PrintsLabelSets()
    {
        await using var vigil = await StartWithDataAsync();
        var output = await RunAsync("query", "series", "--match=gen_metric{group=~\"0|1\"}", vigil.BaseUrl);
        Assert.Equal(["{__name__=\"gen_metric\", group=\"0\", series=\"000\"}", "{__name__=\"gen_metric\", group=\"1\", series=\"001\"}"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task QueryLabels_Vigil_PrintsValues()
    {
        await using var vigil = await StartWithDataAsync();
        var output = await RunAsync("query", "labels", vigil.BaseUrl, "series");
        Assert.Equal(["000", "001", "002"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
