using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;
using Vigil.IntegrationTests.Prometheus;

namespace Vigil.IntegrationTests.HostileTargets;

/// <summary>
/// <c>vigil prometheus</c> scraping one job whose targets misbehave in every way we know, beside one that
/// behaves: each bad target is down with a precise error, the good one keeps being scraped and stored, and
/// the process stays up.
/// </summary>
public sealed class HostileTargetTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Scrape_HostileTargets_EachDownWithPreciseErrorOthersUnharmed()
    {
        await using var target = await HostileTarget.StartAsync(FreePort.NextAddress());
        await using var vigil = await VigilPrometheusServer.StartWithConfigAsync(Config(target.Address));
        string Url(string path) => $"http://{target.Address}/{path}";
        var expected = new Dictionary<string, Func<string, bool>>
        {
            ["ok"] = e => e == "",
            ["duplicate"] = e => e == "",
            ["huge-line"] = e => e.StartsWith("line 1:", StringComparison.Ordinal) && e.Length < 400,
            ["invalid-utf8"] = e => e.Contains("invalid UTF-8 in label value", StringComparison.Ordinal),
            ["nan-timestamp"] = e => e.Contains("invalid timestamp \"NaN\"", StringComparison.Ordinal),
            ["garbage-timestamp"] = e => e.Contains("invalid timestamp \"12abc\"", StringComparison.Ordinal),
            ["too-big"] = e => e == "body size limit exceeded",
            ["never-answers"] = e => e == $"Get \"{Url("never-answers")}\": context deadline exceeded",
            ["gzip-bomb"] = e => e == "body size limit exceeded",
            ["truncated-gzip"] = e => e == "unexpected EOF",
            ["status-500"] = e => e == "server returned HTTP status 500 Internal Server Error",
            ["redirect-loop"] = e => e == $"Get \"{Url("redirect-loop")}\": stopped after 10 redirects",
        };

        // Every target scraped at least twice, so a loop that died after its first bad scrape would show.
        await Poll.UntilAsync(async () => (await ScrapeCountsAsync(vigil)).Values.All(n => n >= 2) && (await ScrapeCountsAsync(vigil)).Count == expected.Count,
            Deadline, "every hostile target scraped twice", () => vigil.Diagnostics());

        var targets = await TargetsAsync(vigil);
        var report = string.Join("\n", targets.Select(t => $"{t.Key}: {t.Value.Health} {t.Value.Error}"));
        foreach (var (instance, errorOk) in expected)
        {
            var (health, error) = targets[instance];
            Assert.True(errorOk(error), $"{instance}: unexpected lastError {error}\n{report}");
            Assert.True(health == (error == "" ? "up" : "down"), $"{instance}: health {health}\n{report}");
            Assert.Equal(error == "" ? "1" : "0", await ValueAsync(vigil, $"up{{job=\"hostile\",instance=\"{instance}\"}}"));
        }
        Assert.Equal("1", await ValueAsync(vigil, "hostile_ok{job=\"hostile\"}"));
        // As upstream: the second sample of a series at the same timestamp is dropped, not the scrape.
        Assert.Equal("1", await ValueAsync(vigil, "dup{job=\"hostile\"}"));
        Assert.Null(await ValueAsync(vigil, "count({__name__=~\"truncated_.*|m\"})"));
        Assert.False(vigil.Process.HasExited);
    }

    private static string Config(string address)
    {
        var yaml = new StringBuilder($"""
            global:
              scrape_interval: 2s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: hostile
                body_size_limit: {HostileTarget.BodySizeLimit}B
                static_configs:

            """);
        foreach (var path in HostileTarget.Paths)
        {
            yaml.Append($"      - targets: ['{address}']\n        labels: {{instance: {path}, __metrics_path__: /{path}}}\n");
        }
        return yaml.ToString();
    }

    private static async Task<Dictionary<string, (string Health, string Error)>> TargetsAsync(VigilPrometheusServer vigil)
    {
        var body = JsonNode.Parse(await vigil.Http.GetStringAsync("/api/v1/targets"))!;
        return body["data"]!["activeTargets"]!.AsArray().ToDictionary(
            t => t!["labels"]!["instance"]!.GetValue<string>(),
            t => (t!["health"]!.GetValue<string>(), t["lastError"]!.GetValue<string>()));
    }

    private static async Task<Dictionary<string, int>> ScrapeCountsAsync(VigilPrometheusServer vigil)
    {
        var body = await vigil.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count_over_time(up{job=\"hostile\"}[5m])"));
        return JsonNode.Parse(body)!["data"]!["result"]!.AsArray().ToDictionary(
            r => r!["metric"]!["instance"]!.GetValue<string>(),
            r => int.Parse(r!["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture));
    }

    private static async Task<string?> ValueAsync(VigilPrometheusServer vigil, string query)
    {
        var body = await vigil.Http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        var result = JsonNode.Parse(body)!["data"]!["result"]!.AsArray();
        return result.Count == 1 ? result[0]!["value"]![1]!.GetValue<string>() : null;
    }
}
