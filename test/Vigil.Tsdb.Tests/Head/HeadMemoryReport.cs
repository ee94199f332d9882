using Vigil.Model.Labels;
using Vigil.Tsdb.Head;
using Xunit.Abstractions;

namespace Vigil.Tsdb.Tests.Head;

[CollectionDefinition(nameof(MemoryReportCollection), DisableParallelization = true)]
public sealed class MemoryReportCollection
{
}

/// <summary>
/// Prints the head's memory per series (docs/design/tsdb.md quotes it). Measures, never asserts:
/// the numbers depend on the runtime and on what else the process holds.
/// </summary>
[Collection(nameof(MemoryReportCollection))]
public sealed class HeadMemoryReport(ITestOutputHelper output)
{
    [Theory]
    [InlineData(10_000, 1, false)]
    [InlineData(10_000, 120, false)]
    [InlineData(10_000, 240, false)]
    [InlineData(10_000, 1440, false)]
    [InlineData(10_000, 240, true)]
    [InlineData(10_000, 1440, true)]
    public void BytesPerSeries_TypicalScrapeData_IsPrinted(int seriesCount, int samplesPerSeries, bool chunkFiles)
    {
        using var dir = new Wal.TempDirectory();
        // Labels are built first and kept alive by the caller's array, as a scraper's cache would,
        // so the measurement is the head's own cost: index, series, chunks.
        var labels = new LabelSet[seriesCount];
        for (var i = 0; i < seriesCount; i++)
        {
            labels[i] = LabelSet.Of("__name__", "http_requests_total", "job", "api", "instance", $"10.0.{i / 250}.{i % 250}:9100", "code", (200 + (i % 5)).ToString());
        }
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var head = chunkFiles
            ? new TsdbHead(Vigil.Tsdb.Head.ChunkFiles.HeadChunkFiles.Open(dir.Path, Vigil.Tsdb.Head.ChunkFiles.HeadChunkFiles.DefaultSegmentSize, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System, out _))
            : new TsdbHead();
        var random = new Random(1);
        var values = new double[seriesCount];
        for (var s = 0; s < samplesPerSeries; s++)
        {
            var app = head.Appender();
            for (var i = 0; i < seriesCount; i++)
            {
                values[i] += random.Next(0, 20);
                app.Append(labels[i], s * 15_000L, values[i]);
            }
            app.Commit();
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perSeries = (after - before) / (double)seriesCount;
        output.WriteLine($"{seriesCount} series x {samplesPerSeries} samples{(chunkFiles ? " (chunk files)" : "")}: {perSeries:F0} bytes/series, {(after - before) / (double)(seriesCount * (long)samplesPerSeries):F2} bytes/sample");
        GC.KeepAlive(head);
        GC.KeepAlive(labels);
        head.Dispose();
    }
}
