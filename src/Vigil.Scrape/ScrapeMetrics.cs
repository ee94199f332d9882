using System.Diagnostics.Metrics;
using Vigil.Scrape.Loop;

namespace Vigil.Scrape;

/// <summary>
/// The scrape manager's own metrics under upstream's names (<c>prometheus_target_*</c>,
/// <c>prometheus_sd_discovered_targets</c>, <c>prometheus_sd_file_*</c>), on the meter <c>Vigil.Scrape</c> that <c>/metrics</c> exports.
/// Loops report once per scrape, never per sample.
/// </summary>
public sealed class ScrapeMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Vigil.Scrape";

    /// <summary>The quantiles upstream's interval summary reports.</summary>
    private static readonly double[] IntervalQuantiles = [0.01, 0.05, 0.5, 0.9, 0.99];

    /// <summary>The quantiles upstream's file discovery scan summary reports.</summary>
    private static readonly double[] FileScanQuantiles = [0.5, 0.9, 0.99];

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _intervalLength;
    private readonly Histogram<double> _fileScanDuration;
    private readonly long[] _counts = new long[Enum.GetValues<Count>().Length];
    private volatile IReadOnlyList<PoolCount> _poolCounts = [];

    /// <summary>Creates the instruments.</summary>
    public ScrapeMetrics()
    {
        // The tag makes the exporter write a summary (see PrometheusExporter.SummaryQuantilesTag).
        _intervalLength = _meter.CreateHistogram<double>("prometheus_target_interval_length_seconds", "s", "Actual intervals between scrapes.",
            [new("prometheus.summary.quantiles", IntervalQuantiles)]);
        _fileScanDuration = _meter.CreateHistogram<double>("prometheus_sd_file_scan_duration_seconds", "s", "The duration of the File-SD scan in seconds.",
            [new("prometheus.summary.quantiles", FileScanQuantiles)]);
        // Observable counters report from the start (at 0) whenever the exporter was created, as upstream's do.
        Counter(Count.SampleLimit, "prometheus_target_scrapes_exceeded_sample_limit_total", "Total number of scrapes that hit the sample limit and were rejected.");
        Counter(Count.BucketLimit, "prometheus_target_scrapes_exceeded_native_histogram_bucket_limit_total",
            "Total number of scrapes that hit the native histogram bucket limit and were rejected.");
        Counter(Count.Duplicates, "prometheus_target_scrapes_sample_duplicate_timestamp_total", "Total number of samples rejected due to duplicate timestamps but different values.");
        Counter(Count.OutOfOrder, "prometheus_target_scrapes_sample_out_of_order_total", "Total number of samples rejected due to not being out of the expected order.");
        Counter(Count.OutOfBounds, "prometheus_target_scrapes_sample_out_of_bounds_total", "Total number of samples rejected due to timestamp falling outside of the time bounds.");
        Counter(Count.ExemplarOutOfOrder, "prometheus_target_scrapes_exemplar_out_of_order_total", "Total number of exemplar rejected due to not being out of the expected order.");
        Counter(Count.Pools, "prometheus_target_scrape_pools_total", "Total number of scrape pool creation attempts.");
        Counter(Count.FileReadErrors, "prometheus_sd_file_read_errors_total", "The number of File-SD read errors.");
        _meter.CreateObservableGauge("prometheus_target_scrape_pool_targets", () => _poolCounts.Select(p => Measure(p.Active, "scrape_job", p.Job)),
            description: "Current number of targets in this scrape pool.");
        _meter.CreateObservableGauge("prometheus_sd_discovered_targets", () => _poolCounts.Select(p => Measure(p.Discovered, "config", p.Job, ("name", "scrape"))),
            description: "Current number of discovered targets.");
    }

    private enum Count
    {
        SampleLimit,
        BucketLimit,
        Duplicates,
        OutOfOrder,
        OutOfBounds,
        ExemplarOutOfOrder,
        Pools,
        FileReadErrors,
    }

    /// <summary>This instance's meter (tests listen to it).</summary>
    public Meter Meter => _meter;

    /// <summary>One scrape started <paramref name="sinceLast"/> after the previous one of the same target.</summary>
    public void Interval(TimeSpan sinceLast, string interval) =>
        _intervalLength.Record(sinceLast.TotalSeconds, new KeyValuePair<string, object?>("interval", interval));

    /// <summary>What storage and the limits refused in one scrape.</summary>
    internal void Rejected(AppendRejections rejections)
    {
        Add(Count.Duplicates, rejections.Duplicates);
        Add(Count.OutOfOrder, rejections.OutOfOrder);
        Add(Count.OutOfBounds, rejections.OutOfBounds);
        Add(Count.SampleLimit, rejections.SampleLimitExceeded ? 1 : 0);
        Add(Count.BucketLimit, rejections.BucketLimitExceeded ? 1 : 0);
        Add(Count.ExemplarOutOfOrder, rejections.ExemplarOutOfOrder);
    }

    /// <summary>One <c>file_sd_configs</c> entry was read, taking <paramref name="duration"/>, with <paramref name="errors"/> files failing.</summary>
    public void FileScanned(TimeSpan duration, int errors)
    {
        _fileScanDuration.Record(duration.TotalSeconds);
        Add(Count.FileReadErrors, errors);
    }

    /// <summary>Scrape pools (jobs) created, counted like upstream: once per new pool, at start and on reload.</summary>
    public void PoolsCreated(int count) => Add(Count.Pools, count);

    /// <summary>Per job: targets being scraped and targets discovered (before relabelling).</summary>
    public void Pools(IReadOnlyList<PoolCount> pools) => _poolCounts = pools;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private void Counter(Count which, string name, string help) =>
        _meter.CreateObservableCounter(name, () => Interlocked.Read(ref _counts[(int)which]), description: help);

    private void Add(Count which, long value)
    {
        if (value > 0)
        {
            Interlocked.Add(ref _counts[(int)which], value);
        }
    }

    private static Measurement<long> Measure(long value, string label, string labelValue, params (string Name, string Value)[] more) =>
        new(value, [new(label, labelValue), .. more.Select(m => new KeyValuePair<string, object?>(m.Name, m.Value))]);
}

/// <summary>A scrape pool's target counts for <see cref="ScrapeMetrics"/>.</summary>
public sealed record PoolCount(string Job, int Active, int Discovered);
