using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Alert ingest benchmark: <c>vigil alertmanager</c> against the real Alertmanager, same load, same
/// config, one run. Prints alerts/s and RSS with all alerts held, and the ratios. See bench/README.md.</summary>
public static class Program
{
    /// <summary>Everything is routed to a receiver with no integrations and waits an hour to be grouped, so
    /// the measurement is ingest (validation, fingerprinting, store, dispatch) and not delivery.</summary>
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

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "parse")
        {
            return Parsing.ParseBench.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] == "engine")
        {
            var engineOptions = BenchOptions.Parse(args[1..]);
            return Engine.EngineBench.Run(engineOptions);
        }
        if (args.Length > 0 && args[0] == "engine-histograms")
        {
            // Histograms are heavier than floats: a smaller default data set.
            return Engine.EngineBench.RunHistograms(BenchOptions.Parse(["--series=1000", "--hours=2", .. args[1..]]));
        }
        if (args.Length > 0 && args[0] == "prometheus")
        {
            return await Engine.PrometheusBench.RunAsync(BenchOptions.Parse(args[1..]));
        }
        if (args.Length > 0 && args[0] == "restart")
        {
            return await Engine.RestartBench.RunAsync(BenchOptions.Parse(["--hours=2", "--repeats=1", .. args[1..]]));
        }
        if (args.Length > 0 && args[0] == "remote-write-path")
        {
            return Engine.RemoteWritePathBench.Run(BenchOptions.Parse(args[1..]));
        }
        if (args.Length > 0 && args[0] == "scrape")
        {
            return await Scrape.ScrapeBench.RunAsync(BenchOptions.Parse(["--series=20000", .. args[1..]]));
        }
        if (args.Length > 0 && args[0] == "scrape-path")
        {
            return await Scrape.ScrapePathBench.RunAsync(BenchOptions.Parse(["--series=20000", "--repeats=30", .. args[1..]]));
        }
        if (args.Length > 0 && args[0] == "rules")
        {
            return await Rules.RulesBench.RunAsync(BenchOptions.Parse(["--series=20000", "--targets=5", "--warmup=60", .. args[1..]]));
        }
        if (args.Length > 0 && args[0] == "silences")
        {
            // A smaller alert load by default: the point is the 10k silences next to it.
            var silenceOptions = BenchOptions.Parse(["--alerts=20000", "--clients=8", .. args[1..]]);
            return await SilenceBench.RunAsync(silenceOptions, silenceOptions.VigilBin is { Length: > 0 } b ? b : await VigilPublisher.PublishAsync());
        }
        var options = BenchOptions.Parse(args);
        var vigil = options.VigilBin is { Length: > 0 } bin ? bin : await VigilPublisher.PublishAsync();
        var load = new IngestLoad(options);
        Console.WriteLine($"ingest: {options.Alerts} distinct alerts, batches of {options.BatchSize}, {options.Clients} concurrent clients");

        // Both start up front (side by side, same machine state); each is loaded alone so they do not compete for CPU.
        await using var real = await ServerUnderTest.StartAsync("alertmanager 0.25", options.AlertmanagerBin, [], ["--cluster.listen-address="], Config);
        await using var ours = await ServerUnderTest.StartAsync("vigil", vigil, ["alertmanager"], [], Config);
        var realResult = await MeasureAsync(real, load, options.Alerts);
        var oursResult = await MeasureAsync(ours, load, options.Alerts);

        Print(realResult);
        Print(oursResult);
        Console.WriteLine($"ratio vigil/alertmanager: ingest {oursResult.AlertsPerSecond / realResult.AlertsPerSecond:0.00}x, " +
            $"RSS {oursResult.RssMiB / realResult.RssMiB:0.00}x (ingest higher is better, RSS lower is better)");
        return 0;
    }

    private static async Task<Result> MeasureAsync(ServerUnderTest server, IngestLoad load, int alerts)
    {
        var idle = server.RssMiB();
        var elapsed = await load.RunAsync(server.BaseUrl);
        // RSS before the count: listing 120k alerts over the API would itself inflate it.
        var rss = server.RssMiB();
        var held = await CountAlertsAsync(server);
        if (held != alerts)
        {
            throw new InvalidOperationException($"{server.Name} holds {held} alerts after ingest, expected {alerts}");
        }

        return new Result(server.Name, alerts / elapsed.TotalSeconds, elapsed, idle, rss);
    }

    private static async Task<int> CountAlertsAsync(ServerUnderTest server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await using var stream = await http.GetStreamAsync(server.BaseUrl + "/api/v2/alerts");
        using var doc = await JsonDocument.ParseAsync(stream);
        return doc.RootElement.GetArrayLength();
    }

    private static void Print(Result r) =>
        Console.WriteLine($"{r.Name,-18} {r.AlertsPerSecond,10:0} alerts/s  ({r.Elapsed.TotalSeconds:0.00}s)   " +
            $"RSS idle {r.IdleRssMiB,6:0.0} MiB, holding all alerts {r.RssMiB,7:0.0} MiB");

    private sealed record Result(string Name, double AlertsPerSecond, TimeSpan Elapsed, double IdleRssMiB, double RssMiB);
}
