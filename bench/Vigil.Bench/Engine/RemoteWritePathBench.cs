using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Tsdb;

namespace Vigil.Bench.Engine;

/// <summary>
/// The remote write receive path of <c>vigil prometheus</c> in-process, without HTTP: the <c>prometheus</c> mode's
/// bodies go through <see cref="RemoteWriteHandler"/> into a real TSDB (head, WAL and head chunk files in a temp
/// directory). Prints bytes allocated per sample, split into decoding and storing, the collections it caused, and
/// the managed heap after the load against the live data after a full collection: where the garbage that raises
/// RSS comes from. See bench/README.md.
/// </summary>
public static class RemoteWritePathBench
{
    private const long StepMs = 15_000;

    public static int Run(BenchOptions options)
    {
        var series = EngineData.Series(options.Series);
        var values = EngineData.Values(series, options.Hours, StepMs);
        var start = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / StepMs * StepMs) - (values[0].Length * StepMs);
        var bodies = PrometheusBench.Bodies(series, values, start).ToList();
        var samples = (long)series.Count * values[0].Length;
        series.Clear();
        Array.Clear(values);
        Console.WriteLine($"remote write path in-process: {options.Series} series x {options.Hours}h at 15s = {samples} samples in {bodies.Count} bodies");
        using var sampler = new AllocationSampler();
        DecodeOnly(bodies, samples);
        sampler.PrintAndReset(8);
        var dir = Directory.CreateTempSubdirectory("vigil-bench-rwpath-").FullName;
        try
        {
            Store(bodies, samples, options.Series, dir);
            sampler.PrintAndReset(15);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    private static void DecodeOnly(List<byte[]> bodies, long samples)
    {
        var before = Counters.Read();
        foreach (var body in bodies)
        {
            WriteRequestDecoder.Decode(body).Dispose();
        }
        Counters.Read().Print("decode only", before, samples);
        before = Counters.Read();
        foreach (var body in bodies)
        {
            Snappier.Snappy.DecompressToMemory(body).Dispose();
        }
        Counters.Read().Print("  of which snappy", before, samples);
    }

    private static void Store(List<byte[]> bodies, long samples, int seriesCount, string dir)
    {
        using var tsdb = TsdbStorage.Open(new TsdbOptions { Path = dir }, TimeProvider.System, NullLoggerFactory.Instance);
        using var metrics = new RemoteWriteMetrics();
        var handler = new RemoteWriteHandler(tsdb, metrics, NullLogger.Instance, TimeProvider.System);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var before = Counters.Read();
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var outcome = handler.Handle(body);
            if (outcome.StatusCode != 204)
            {
                throw new InvalidOperationException($"write refused: {outcome.StatusCode} {outcome.Error}");
            }
        }
        var elapsed = clock.Elapsed;
        Counters.Read().Print("decode + store (WAL, chunk files)", before, samples);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var heapAfterLoad = info.HeapSizeBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        Console.WriteLine($"  {samples / elapsed.TotalSeconds:0} samples/s on this thread; heap after the load {heapAfterLoad / 1e6:0.0} MB " +
            $"(gen0 {Gen(info, 0)}, gen1 {Gen(info, 1)}, gen2 {Gen(info, 2)}, LOH {Gen(info, 3)}, POH {Gen(info, 4)} MB, fragmented {info.FragmentedBytes / 1e6:0.0} MB); " +
            $"live after a full GC {live / 1e6:0.0} MB = {live / (double)seriesCount:0} bytes/series");
        GC.KeepAlive(tsdb);
    }

    private static string Gen(GCMemoryInfo info, int generation) => (info.GenerationInfo[generation].SizeAfterBytes / 1e6).ToString("0.0");

    private readonly record struct Counters(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static Counters Read() => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

        public void Print(string label, Counters before, long samples)
        {
            var gen2 = Gen2 - before.Gen2;
            var gen1 = Gen1 - before.Gen1 - gen2;
            var gen0 = Gen0 - before.Gen0 - gen1 - gen2;
            Console.WriteLine($"{label}: {(Allocated - before.Allocated) / (double)samples:0.00} bytes allocated per sample " +
                $"({(Allocated - before.Allocated) / 1e6:0} MB); GCs gen0 {gen0}, gen1 {gen1}, gen2 {gen2}; paused {(Paused - before.Paused).TotalMilliseconds:0} ms");
        }
    }
}
