using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;
using Vigil.IntegrationTests.PromqlDifferential;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// The TSDB admin API against Prometheus 2.42: the same remote-written data, the same <c>delete_series</c> calls,
/// and the query answers compared; then Vigil's deletions across a clean restart and a <c>kill -9</c>, and a snapshot
/// started as a data directory of its own.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class AdminApiTests
{
    private const long StepMs = 15_000;
    private const int Steps = 120;
    private const string DisabledBody = "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}";

    private const long BlockRangeMs = 2 * 60 * 60 * 1000;

    private static readonly long Start = StartInsideOneBlockRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    [Fact]
    public async Task DeleteSeries_SameDataAndCalls_QueriesAnswerAsPrometheus242_AndVigilKeepsThemThroughRestartAndKill()
    {
        using var data = new TempDirectory("vigil-admin");
        var storage = data.Sub("data");
        await using var prometheus = await PrometheusServer.StartAsync("global: {}\n", extraArgs: ["--web.enable-remote-write-receiver", "--web.enable-admin-api"]);
        var body = RemoteWriteEncoder.Encode(Data());
        await PostWriteAsync(prometheus.Http, body);
        await using (var vigil = await VigilPrometheusServer.StartAsync(storage, "--web.enable-admin-api"))
        {
            using (var written = await vigil.WriteAsync(body))
            {
                Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
            }
            await CompareAsync(prometheus.Http, vigil.Http, "before deleting");

            var first = $"match[]=adm_metric{{series=~\"1|2\"}}&start={Seconds(Start + (20 * StepMs))}&end={Seconds(Start + (60 * StepMs))}&match[]={{__name__=\"adm_metric\",series=\"4\"}}";
            await DeleteOnBothAsync(prometheus.Http, vigil.Http, first);
            await CompareAsync(prometheus.Http, vigil.Http, "after the first delete");

            // A selector whose matchers all match the empty string selects every series without that label (here
            // adm_other); an empty one selects nothing. Both are accepted, as upstream.
            await DeleteOnBothAsync(prometheus.Http, vigil.Http, "match[]={series=\"\"}&match[]={}");
            await CompareAsync(prometheus.Http, vigil.Http, "after deleting every series without a series label");
        }

        await using (var restarted = await VigilPrometheusServer.StartAsync(storage, "--web.enable-admin-api"))
        {
            await CompareAsync(prometheus.Http, restarted.Http, "after a clean restart");
            await DeleteOnBothAsync(prometheus.Http, restarted.Http, $"match[]=adm_metric{{series=\"0\"}}&end={Seconds(Start + (100 * StepMs))}");
            restarted.KillHard();
        }

        await using var recovered = await VigilPrometheusServer.StartAsync(storage, "--web.enable-admin-api");
        await CompareAsync(prometheus.Http, recovered.Http, "after kill -9 right after a 204");
    }

    [Fact]
    public async Task Snapshot_StartedAsDataDirectory_AnswersTheSameQueries_AndDisabledApiAnswersUpstreamsError()
    {
        using var data = new TempDirectory("vigil-snap");
        var storage = data.Sub("data");
        string snapshot;
        await using (var vigil = await VigilPrometheusServer.StartAsync(storage, "--web.enable-admin-api"))
        {
            using (var written = await vigil.WriteAsync(Data()))
            {
                Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
            }
            await DeleteAsync(vigil.Http, "match[]=adm_metric{series=\"3\"}", vigil.Name);
            using var response = await vigil.Http.PostAsync("/api/v1/admin/tsdb/snapshot", null);
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
            snapshot = answer["data"]!["name"]!.GetValue<string>();
            Assert.Matches("^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16}$", snapshot);
            await using var fromSnapshot = await VigilPrometheusServer.StartAsync(Path.Combine(storage, "snapshots", snapshot));
            foreach (var path in Queries())
            {
                Assert.Equal(QueryResultShape.Parse(await GetAsync(vigil.Http, path)), QueryResultShape.Parse(await GetAsync(fromSnapshot.Http, path)), new ShapeComparer());
            }

            using var disabled = await fromSnapshot.Http.PostAsync("/api/v1/admin/tsdb/delete_series?match[]=up", null);
            Assert.Equal(HttpStatusCode.InternalServerError, disabled.StatusCode);
            Assert.Equal(DisabledBody, await disabled.Content.ReadAsStringAsync());
        }

        await AssertBlockMetaCountsTombstonesAsync(Path.Combine(storage, "snapshots", snapshot));
    }

    /// <summary>
    /// Deletes from the snapshot's block (the head written out) on a server started on it; the block's <c>meta.json</c>
    /// then counts the deleted range as upstream's does, and the next start reads it.
    /// </summary>
    /// <remarks>
    /// promtool's <c>tsdb list</c>/<c>analyze</c> cannot check this: Vigil's block index and chunk files have their
    /// own layout (see docs/design/tsdb-blocks.md), which promtool refuses as a corrupted block whatever meta.json says.
    /// </remarks>
    private static async Task AssertBlockMetaCountsTombstonesAsync(string directory)
    {
        await using (var vigil = await VigilPrometheusServer.StartAsync(directory, "--web.enable-admin-api"))
        {
            await DeleteAsync(vigil.Http, $"match[]=adm_metric{{series=\"1\"}}&start={Seconds(Start)}&end={Seconds(Start + (10 * StepMs))}", vigil.Name);
        }
        var block = Assert.Single(Directory.GetDirectories(directory), d => File.Exists(Path.Combine(d, "meta.json")));
        var stats = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(block, "meta.json")))!["stats"]!;
        Assert.Equal(1, stats["numTombstones"]!.GetValue<long>());

        await using var restarted = await VigilPrometheusServer.StartAsync(directory);
        var count = await GetAsync(restarted.Http, $"/api/v1/query?query=count_over_time(adm_metric{{series=\"1\"}}[1h])&time={Seconds(Start + (Steps * StepMs))}");
        Assert.Equal($"{Steps - 11}", count["data"]!["result"]![0]!["value"]![1]!.GetValue<string>());
    }

    /// <summary>
    /// The last 30 minutes on the sample grid, moved earlier when they would cross a 2-hour block boundary.
    /// </summary>
    /// <remarks>
    /// Prometheus 2.42 cuts a head chunk at every 2-hour boundary. When that cut falls inside a deleted interval, its
    /// instant selector still returns deleted samples while its range selector over the same series omits them, so
    /// 2.42 disagrees with itself. Vigil omits them in both. Keeping the data inside one block range keeps that 2.42
    /// bug out of this comparison (CI met it on a run that started at 07:54:30 UTC).
    /// </remarks>
    internal static long StartInsideOneBlockRange(long nowMs)
    {
        var start = (nowMs / StepMs * StepMs) - (Steps * StepMs);
        var nextBoundary = ((start / BlockRangeMs) + 1) * BlockRangeMs;
        return start + (Steps * StepMs) > nextBoundary ? nextBoundary - (Steps * StepMs) : start;
    }

    /// <summary>
    /// Five gauges every 15 s over 30 minutes, values distinct per series and step, and one more (<c>adm_other</c>)
    /// without the <c>series</c> label.
    /// </summary>
    private static List<RemoteWriteEncoder.Series> Data() =>
        [.. Enumerable.Range(0, 5).Select(i => new RemoteWriteEncoder.Series(
            [("__name__", "adm_metric"), ("series", i.ToString(CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, Steps).Select(s => (Start + (s * StepMs), (i * 1000) + s + 0.25))])),
        new RemoteWriteEncoder.Series([("__name__", "adm_other"), ("kind", "other")], [.. Enumerable.Range(0, Steps).Select(s => (Start + (s * StepMs), s + 0.5))])];

    /// <remarks>
    /// Every evaluation time is 7 s off the sample grid: 2.42's range and lookback windows include their left end,
    /// today's upstream (and Vigil) exclude it, and that difference is not what this test is about.
    /// </remarks>
    private static IEnumerable<string> Queries()
    {
        var (from, end) = (Start + 7_000, Start + (Steps * StepMs) + 7_000);
        yield return $"/api/v1/query_range?query=adm_metric&start={Seconds(from)}&end={Seconds(end)}&step=15";
        yield return $"/api/v1/query_range?query=sum(adm_metric)&start={Seconds(from)}&end={Seconds(end)}&step=37";
        yield return $"/api/v1/query?query=count_over_time(adm_metric[1h])&time={Seconds(end)}";
        yield return $"/api/v1/query?query=adm_metric&time={Seconds(Start + (40 * StepMs) + 7_000)}";
        yield return $"/api/v1/query?query=adm_metric[10m]&time={Seconds(Start + (70 * StepMs) + 7_000)}";
    }

    private static async Task CompareAsync(HttpClient real, HttpClient ours, string when)
    {
        foreach (var path in Queries())
        {
            var expected = QueryResultShape.Parse(await GetAsync(real, path));
            var differences = QueryResultShape.Parse(await GetAsync(ours, path)).Differences(expected);
            Assert.True(differences.Count == 0, $"{when}, {path}: {string.Join("; ", differences.Take(5))}");
        }
        foreach (var path in LabelQueries())
        {
            Assert.Equal((await GetAsync(real, path)).ToJsonString(), (await GetAsync(ours, path)).ToJsonString());
        }
    }

    /// <remarks>
    /// As upstream, label names and values still list series whose samples are all deleted (they come from the
    /// index), and /series still lists a head series while its open chunk is in range.
    /// </remarks>
    private static IEnumerable<string> LabelQueries()
    {
        var range = $"start={Seconds(Start)}&end={Seconds(Start + (Steps * StepMs))}";
        yield return $"/api/v1/series?match[]=adm_metric&{range}";
        yield return $"/api/v1/series?match[]={{__name__=~\"adm_.*\"}}&{range}";
        yield return $"/api/v1/labels?match[]={{__name__=~\"adm_.*\"}}&{range}";
        yield return $"/api/v1/label/__name__/values?{range}";
        yield return $"/api/v1/label/kind/values?match[]={{kind=~\".+\"}}&{range}";
        yield return $"/api/v1/label/series/values?match[]=adm_metric&start={Seconds(Start + (30 * StepMs))}&end={Seconds(Start + (50 * StepMs))}";
    }

    private static async Task DeleteOnBothAsync(HttpClient real, HttpClient ours, string query)
    {
        await DeleteAsync(real, query, "prometheus");
        await DeleteAsync(ours, query, "vigil");
    }

    private static async Task DeleteAsync(HttpClient http, string query, string who)
    {
        using var response = await http.PostAsync("/api/v1/admin/tsdb/delete_series?" + query, null);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{who}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task PostWriteAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        using var response = await http.PostAsync("/api/v1/write", content);
        Assert.True(response.IsSuccessStatusCode, $"prometheus: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static string Seconds(long ms) => (ms / 1000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Equal when <see cref="QueryResultShape.Differences"/> finds none.</summary>
    private sealed class ShapeComparer : IEqualityComparer<QueryResultShape>
    {
        public bool Equals(QueryResultShape? x, QueryResultShape? y) => x is not null && y is not null && x.Differences(y).Count == 0;

        public int GetHashCode(QueryResultShape obj) => 0;
    }
}
