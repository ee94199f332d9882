using System.Diagnostics.Metrics;

namespace Vigil.Tsdb.Head;

/// <summary>The head's counters on the <c>Vigil.Tsdb</c> meter, under upstream's metric names where one exists.</summary>
internal sealed class HeadMetrics : IDisposable
{
    /// <summary>The meter name exporters subscribe to.</summary>
    public const string MeterName = "Vigil.Tsdb";

    private readonly Meter _meter;

    public HeadMetrics(TsdbHead head, string meterName = MeterName)
    {
        _meter = new Meter(meterName);
        SamplesAppended = _meter.CreateCounter<long>("prometheus_tsdb_head_samples_appended_total", description: "Total number of appended samples.");
        OutOfOrder = _meter.CreateCounter<long>("prometheus_tsdb_out_of_order_samples_total", description: "Total number of out of order samples ingestion failed attempts.");
        OutOfBounds = _meter.CreateCounter<long>("prometheus_tsdb_out_of_bound_samples_total", description: "Total number of out of bound samples ingestion failed attempts.");
        Duplicates = _meter.CreateCounter<long>("vigil_tsdb_duplicate_samples_total", description: "Total number of samples refused for a second value at an existing timestamp.");
        SeriesCreated = _meter.CreateCounter<long>("prometheus_tsdb_head_series_created_total", description: "Total number of series created in the head.");
        SeriesRemoved = _meter.CreateCounter<long>("prometheus_tsdb_head_series_removed_total", description: "Total number of series removed from the head.");
        _meter.CreateObservableGauge("prometheus_tsdb_head_series", () => (long)head.SeriesCount, description: "Total number of series in the head block.");
        _meter.CreateObservableGauge("prometheus_tsdb_head_min_time", () => head.MinTime, description: "Minimum time bound of the head block.");
        if (head.ChunkFiles is { } files)
        {
            // Upstream's names where it has one; it has no write-failure counter (a failed chunk write stops Prometheus).
            _meter.CreateObservableCounter("prometheus_tsdb_mmap_chunks_total", () => files.ChunksWritten, description: "Total number of chunks that were memory-mapped.");
            _meter.CreateObservableCounter("prometheus_tsdb_mmap_chunk_corruptions_total", () => files.Corruptions, description: "Total number of memory-mapped chunk corruptions.");
            _meter.CreateObservableCounter("vigil_tsdb_head_chunk_write_failures_total", () => files.WriteFailures, description: "Total number of head chunks that could not be written to the chunk files and stayed in memory.");
        }
        _meter.CreateObservableGauge("prometheus_tsdb_head_max_time", () => head.MaxTime, description: "Maximum timestamp of the head block.");
    }

    /// <summary>This head's own meter (tests listen to one head among many).</summary>
    public Meter Meter => _meter;

    public Counter<long> SamplesAppended { get; }

    public Counter<long> OutOfOrder { get; }

    public Counter<long> OutOfBounds { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> SeriesCreated { get; }

    public Counter<long> SeriesRemoved { get; }

    /// <summary>Counts a refusal under its reason.</summary>
    public void Refused(Storage.AppendStatus status)
    {
        var counter = status switch
        {
            Storage.AppendStatus.OutOfOrder => OutOfOrder,
            Storage.AppendStatus.OutOfBounds => OutOfBounds,
            Storage.AppendStatus.DuplicateTimestamp => Duplicates,
            _ => null,
        };
        counter?.Add(1);
    }

    public void Dispose() => _meter.Dispose();
}
