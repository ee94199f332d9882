using System.Diagnostics;
using Vigil.Scrape.Parsing;

namespace Vigil.Bench.Parsing;

/// <summary>
/// Parser throughput on one node-exporter-like payload (default 20k series): MB/s and samples/s for the
/// text and OpenMetrics parsers, reading only spans (what a scrape with a warm series cache does) and
/// materialising every label set (a cold scrape), plus bytes allocated per scrape. In-process, no server.
/// </summary>
public static class ParseBench
{
    public static int Run(string[] args)
    {
        var series = 20_000;
        var repeats = 200;
        foreach (var arg in args)
        {
            var parts = arg.Split('=', 2);
            _ = parts[0] switch
            {
                "--series" => series = int.Parse(parts[1]),
                "--repeats" => repeats = int.Parse(parts[1]),
                _ => throw new ArgumentException($"unknown option {arg}; see bench/README.md"),
            };
        }
        foreach (var openMetrics in new[] { false, true })
        {
            var payload = NodeExporterPayload.Build(series, openMetrics);
            var format = openMetrics ? "openmetrics" : "text";
            Console.WriteLine($"{format}: {series} series, {payload.Length / 1e6:0.00} MB payload");
            Measure($"{format} spans only", payload, openMetrics, repeats, materialise: false);
            Measure($"{format} + LabelSet", payload, openMetrics, Math.Max(1, repeats / 10), materialise: true);
        }
        return 0;
    }

    private static void Measure(string name, byte[] payload, bool openMetrics, int repeats, bool materialise)
    {
        var samples = ParseOnce(payload, openMetrics, materialise); // warm-up (JIT)
        ParseOnce(payload, openMetrics, materialise);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            ParseOnce(payload, openMetrics, materialise);
        }
        watch.Stop();
        var perScrape = watch.Elapsed.TotalSeconds / repeats;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / repeats;
        Console.WriteLine($"  {name,-26} {payload.Length / perScrape / 1e6,8:0.0} MB/s  {samples / perScrape / 1e6,6:0.00} M samples/s  " +
            $"{perScrape * 1000,7:0.00} ms/scrape  {allocated / 1024.0,9:0.0} KiB allocated/scrape");
    }

    private static int ParseOnce(byte[] payload, bool openMetrics, bool materialise)
    {
        ExpositionParser parser = openMetrics ? new OpenMetricsParser(payload) : new PrometheusTextParser(payload);
        var samples = 0;
        long checksum = 0;
        for (var e = parser.Next(); e != ExpositionEntry.End; e = parser.Next())
        {
            if (e != ExpositionEntry.Series)
            {
                continue;
            }
            samples++;
            checksum += parser.Series.Length;
            if (materialise)
            {
                checksum += parser.Labels().Count;
            }
        }
        GC.KeepAlive(checksum);
        return samples;
    }
}
