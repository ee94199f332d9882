using System.Net.Http.Headers;

namespace Vigil.Bench.Engine;

/// <summary>
/// Restart cost with a full head: <c>vigil prometheus</c> and Prometheus 2.42 are loaded with the same data by remote
/// write (the <see cref="EngineData"/> set, default 10k series x 2h at 15s, all of it in the head), stopped cleanly
/// (SIGTERM) and started again on their data. Prints time to <c>/-/ready</c>, peak RSS while starting (VmHWM) and
/// RSS once ready. Vigil restarts twice: from its head chunk files plus the WAL's newest samples, and with
/// <c>chunks_head</c> removed (the whole WAL replayed, as before chunk files were loaded). See bench/README.md.
/// </summary>
public static class RestartBench
{
    private const long StepMs = 15_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var vigilBin = options.VigilBin is { Length: > 0 } bin ? bin : await VigilPublisher.PublishAsync();
        var series = EngineData.Series(options.Series);
        var values = EngineData.Values(series, options.Hours, StepMs);
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / StepMs * StepMs) - (values[0].Length * StepMs);
        var bodies = PrometheusBench.Bodies(series, values, start).ToList();
        Console.WriteLine($"data: {series.Count} series x {options.Hours}h at 15s = {(long)series.Count * values[0].Length} samples in {bodies.Count} remote write bodies");

        await using var real = await ServerUnderTest.StartAsync("prometheus 2.42", options.PrometheusBin, [], ["--web.enable-remote-write-receiver"], "global: {}\n", "--storage.tsdb.path");
        await using var ours = await ServerUnderTest.StartAsync("vigil", vigilBin, ["prometheus"], ["--web.enable-remote-write-receiver"], "global: {}\n", "--storage.tsdb.path");
        await LoadAsync(real, bodies);
        await LoadAsync(ours, bodies);

        var results = new List<(string Name, TimeSpan Ready, double PeakMiB, double ReadyMiB, IReadOnlyList<string> Log)>();
        for (var round = 0; round < Math.Max(1, options.Repeats); round++)
        {
            results.Add(await MeasureAsync(real, "prometheus 2.42", null));
            results.Add(await MeasureAsync(ours, "vigil, chunk files", null));
            results.Add(await MeasureAsync(ours, "vigil, WAL only", dir => Directory.Delete(Path.Combine(dir, "chunks_head"), recursive: true)));
        }
        Console.WriteLine($"{"restart",-22} {"ready s",8} {"peak RSS MiB",13} {"RSS at ready MiB",17}");
        foreach (var (name, ready, peak, atReady, _) in results)
        {
            Console.WriteLine($"{name,-22} {ready.TotalSeconds,8:0.00} {peak,13:0} {atReady,17:0}");
        }
        Console.WriteLine("what start-up logged about its replay (last round):");
        foreach (var (name, _, _, _, log) in results.TakeLast(3))
        {
            foreach (var line in log)
            {
                Console.WriteLine($"  {name}: {(line.Length > 300 ? line[..300] : line)}");
            }
        }
        return 0;
    }

    private static async Task<(string, TimeSpan, double, double, IReadOnlyList<string>)> MeasureAsync(ServerUnderTest server, string name, Action<string>? beforeStart)
    {
        var ready = await server.RestartAsync(beforeStart);
        // Give the log a moment to reach the pipe reader; the timing above is already taken.
        await Task.Delay(200);
        return (name, ready, server.PeakRssMiB(), server.RssMiB(), server.ReplayLines);
    }

    private static async Task LoadAsync(ServerUnderTest server, List<byte[]> bodies)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        foreach (var body in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await http.PostAsync("/api/v1/write", content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{server.Name} refused a write: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
