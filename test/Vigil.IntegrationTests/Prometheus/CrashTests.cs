using System.Globalization;
using Vigil.Api.Tests.Prometheus;
using Vigil.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// <c>kill -9</c> during remote write ingestion, over and over on the same data directory: after the
/// last restart, every sample of every batch that got a 2xx answer must be queryable, exactly.
/// Batches without an answer (in flight at the kill) may or may not be there; the next round only
/// writes later timestamps, so they never make a later batch out of order.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int SeriesPerBatch = 20;
    private const int StepsPerBatch = 5;
    private const long StepMs = 10;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    [Fact]
    public async Task KillDuringIngestion_Restart_EveryAcknowledgedSampleQueryable()
    {
        using var data = new TempDirectory("vigil-crash");
        var storage = data.Sub("data");
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - (20 * 60 * 1000);
        var random = new Random(4242);
        var acked = new List<int>();
        var nextBatch = 0;
        var rounds = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Budget && rounds < 12)
        {
            rounds++;
            await using var vigil = await VigilPrometheusServer.StartAsync(storage);
            var killAt = TimeSpan.FromMilliseconds(random.Next(100, 1500));
            var writer = WriteUntilFailureAsync(vigil, start, () => nextBatch++, acked);
            await Task.Delay(killAt);
            vigil.KillHard();
            await writer;
        }
        await using (var final = await VigilPrometheusServer.StartAsync(storage))
        {
            var checkedSamples = await AssertAckedStoredAsync(final, start, acked);
            var summary = $"crash test: {rounds} rounds killed with SIGKILL, {acked.Count} acknowledged batches ({nextBatch} sent), {checkedSamples} samples checked after the last restart";
            output.WriteLine(summary);
            CiReport.Line("prometheus " + summary);
        }
    }

    private static List<RemoteWriteEncoder.Series> Batch(long start, int batch) =>
        [.. Enumerable.Range(0, SeriesPerBatch).Select(i => new RemoteWriteEncoder.Series(
            [("__name__", "crash_metric"), ("series", i.ToString(CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(0, StepsPerBatch).Select(s => Point(start, batch, i, s))]))];

    private static (long Timestamp, double Value) Point(long start, int batch, int series, int step)
    {
        var n = (batch * StepsPerBatch) + step;
        return (start + (n * StepMs), (series * 1_000_000) + n + 0.5);
    }

    private static async Task WriteUntilFailureAsync(VigilPrometheusServer vigil, long start, Func<int> next, List<int> acked)
    {
        await Task.Yield();
        while (true)
        {
            var batch = next();
            try
            {
                using var response = await vigil.WriteAsync(Batch(start, batch));
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"batch {batch} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{vigil.Diagnostics()}");
                }
                lock (acked)
                {
                    acked.Add(batch);
                }
            }
            catch (HttpRequestException)
            {
                return; // the process is gone: this batch has no answer, so it counts as not acknowledged
            }
        }
    }

    private static async Task<long> AssertAckedStoredAsync(VigilPrometheusServer vigil, long start, List<int> acked)
    {
        var last = acked.Count == 0 ? 0 : acked.Max();
        var end = start + (((last + 1) * StepsPerBatch) * StepMs);
        var window = ((end - start) / 1000) + 10;
        var at = (end / 1000.0).ToString(CultureInfo.InvariantCulture);
        var (status, body) = await vigil.ApiAsync($"/api/v1/query?query=crash_metric%5B{window}s%5D&time={at}");
        Assert.True(status == 200, body.ToJsonString());
        var stored = new Dictionary<(int Series, long Timestamp), string>();
        foreach (var series in body["data"]!["result"]!.AsArray())
        {
            var i = int.Parse(series!["metric"]!["series"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            foreach (var point in series["values"]!.AsArray())
            {
                var ms = (long)Math.Round(decimal.Parse(point![0]!.ToJsonString(), CultureInfo.InvariantCulture) * 1000);
                stored[(i, ms)] = point[1]!.GetValue<string>();
            }
        }
        long checkedSamples = 0;
        foreach (var batch in acked)
        {
            for (var i = 0; i < SeriesPerBatch; i++)
            {
                for (var s = 0; s < StepsPerBatch; s++)
                {
                    var (t, v) = Point(start, batch, i, s);
                    Assert.True(stored.TryGetValue((i, t), out var got), $"acknowledged sample of batch {batch}, series {i}, t={t} is missing after restart\n{vigil.Diagnostics()}");
                    Assert.Equal(v.ToString(CultureInfo.InvariantCulture), got);
                    checkedSamples++;
                }
            }
        }
        return checkedSamples;
    }
}
