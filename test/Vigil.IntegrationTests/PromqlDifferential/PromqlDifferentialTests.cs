using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;
using Vigil.IntegrationTests.Prometheus;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests.PromqlDifferential;

/// <summary>
/// The same remote-written data in the real Prometheus 2.42 and in <c>vigil prometheus</c>; every query of
/// <see cref="DifferentialQueries"/> as an instant query at each instant and as a range query over each range,
/// results compared exactly (series, timestamps, value bits). Where 2.42 and today's upstream compute
/// differently (<see cref="KnownDifferences"/>) the values are compared as that entry says, and every value
/// that differs is printed with the reason.
/// </summary>
public sealed class PromqlDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Queries_SameData_VigilAnswersAsPrometheus242()
    {
        await using var prometheus = await PrometheusServer.StartAsync("global: {}\n", extraArgs: ["--web.enable-remote-write-receiver"]);
        await using var vigil = await VigilPrometheusServer.StartAsync();
        foreach (var body in DifferentialDataSet.Bodies(TimeSpan.FromMinutes(20)))
        {
            await WriteAsync(prometheus.Http, body, prometheus.Name);
            using var response = await vigil.WriteAsync(body);
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"vigil: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var report = new List<string>();
        var compared = 0;
        foreach (var query in DifferentialQueries.Expressions)
        {
            foreach (var t in DifferentialQueries.Instants)
            {
                var path = $"/api/v1/query?query={Uri.EscapeDataString(query)}&time={Seconds(t)}";
                report.AddRange(await CompareAsync(prometheus.Http, vigil.Http, path, $"{query} @ {Seconds(t)}", KnownDifferences.For(query, range: false)));
                compared++;
            }
            foreach (var (start, end, step) in DifferentialQueries.Ranges)
            {
                var path = $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(start)}&end={Seconds(end)}&step={Seconds(step)}";
                report.AddRange(await CompareAsync(prometheus.Http, vigil.Http, path, $"{query} [{Seconds(start)}..{Seconds(end)} step {Seconds(step)}]", KnownDifferences.For(query, range: true)));
                compared++;
            }
        }

        Assert.True(report.Count == 0, $"{report.Count} differences over {compared} queries:\n" + string.Join("\n", report.Take(200)));
    }

    private async Task<List<string>> CompareAsync(HttpClient real, HttpClient ours, string path, string what, KnownDifferences.Difference? known)
    {
        var expected = QueryResultShape.Parse(await GetAsync(real, path));
        if (expected.Status != "success")
        {
            // The query set is meant to be valid: an error from Prometheus is a mistake in the test.
            throw new InvalidOperationException($"prometheus rejected {what}: {expected.Error}");
        }
        var actual = QueryResultShape.Parse(await GetAsync(ours, path));
        if (known is not null && actual.Differences(expected) is { Count: > 0 } noted)
        {
            output.WriteLine($"known 2.42 difference, {what}: {noted.Count} series differ, first: {noted[0]} ({known.Reason})");
        }
        if (known is { SeriesMayDiffer: true })
        {
            return [];
        }
        var differences = actual.Differences(expected, known is null ? 0 : known.RelativeTolerance);
        return differences.Count == 0 ? [] : [$"{what}: {differences.Count} differences, first: {differences[0]}"];
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task WriteAsync(HttpClient http, byte[] body, string name)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await http.PostAsync("/api/v1/write", content);
        Assert.True(response.IsSuccessStatusCode, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Seconds(long ms) => (ms / 1000m).ToString(CultureInfo.InvariantCulture);
}
