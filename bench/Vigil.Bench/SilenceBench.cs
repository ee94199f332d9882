using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// <c>Vigil.Bench silences</c>: Vigil against the real Alertmanager 0.25 on (1) silences created per
/// second through the API from several clients, then, with those silences active, (2) alert ingest
/// and (3) one <c>GET /api/v2/alerts</c>, which computes every alert's silenced state. See bench/README.md.
/// </summary>
public static class SilenceBench
{
    private const string Config = """
        global:
          resolve_timeout: 1h
        route:
          receiver: blackhole
          group_by: [alertname]
          group_wait: 1h
          group_interval: 1h
          repeat_interval: 24h
        receivers:
        - name: blackhole
        """;

    /// <summary>Runs the comparison; 0 on success.</summary>
    public static async Task<int> RunAsync(BenchOptions options, string vigilBin)
    {
        var silences = new SilenceLoad(options.Silences, options.Alerts, options.Clients);
        var alerts = new IngestLoad(options);
        Console.WriteLine($"silences: {options.Silences} silences ({silences.Matching} match one alert each) from {options.Clients} clients, " +
            $"then {options.Alerts} alerts in batches of {options.BatchSize}");

        await using var real = await ServerUnderTest.StartAsync("alertmanager 0.25", options.AlertmanagerBin, [], ["--cluster.listen-address="], Config);
        await using var ours = await ServerUnderTest.StartAsync("vigil", vigilBin, ["alertmanager"], [], Config);
        var realResult = await MeasureAsync(real, silences, alerts, options);
        var oursResult = await MeasureAsync(ours, silences, alerts, options);

        Print(realResult);
        Print(oursResult);
        Console.WriteLine($"ratio vigil/alertmanager: silences/s {oursResult.SilencesPerSecond / realResult.SilencesPerSecond:0.00}x, " +
            $"alert ingest {oursResult.AlertsPerSecond / realResult.AlertsPerSecond:0.00}x, " +
            $"GET alerts time {oursResult.ListTime.TotalMilliseconds / realResult.ListTime.TotalMilliseconds:0.00}x " +
            "(rates higher is better, time lower is better)");
        return 0;
    }

    private static async Task<Result> MeasureAsync(ServerUnderTest server, SilenceLoad silences, IngestLoad alerts, BenchOptions options)
    {
        var silenceTime = await silences.RunAsync(server.BaseUrl);
        var ingestTime = await alerts.RunAsync(server.BaseUrl);
        var clock = Stopwatch.StartNew();
        var (held, silenced) = await CountAlertsAsync(server);
        var listTime = clock.Elapsed;
        if (held != options.Alerts || silenced != silences.Matching)
        {
            throw new InvalidOperationException($"{server.Name}: {held} alerts ({silenced} silenced) after ingest, expected {options.Alerts} ({silences.Matching} silenced)");
        }

        return new Result(server.Name, options.Silences / silenceTime.TotalSeconds, options.Alerts / ingestTime.TotalSeconds, listTime);
    }

    private static async Task<(int Held, int Silenced)> CountAlertsAsync(ServerUnderTest server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await using var stream = await http.GetStreamAsync(server.BaseUrl + "/api/v2/alerts");
        using var doc = await JsonDocument.ParseAsync(stream);
        var silenced = doc.RootElement.EnumerateArray().Count(a => a.GetProperty("status").GetProperty("silencedBy").GetArrayLength() > 0);
        return (doc.RootElement.GetArrayLength(), silenced);
    }

    private static void Print(Result r) =>
        Console.WriteLine($"{r.Name,-18} {r.SilencesPerSecond,8:0} silences/s   {r.AlertsPerSecond,8:0} alerts/s with the silences active   " +
            $"GET /api/v2/alerts {r.ListTime.TotalMilliseconds,6:0} ms");

    private sealed record Result(string Name, double SilencesPerSecond, double AlertsPerSecond, TimeSpan ListTime);
}
