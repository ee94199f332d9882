using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Vigil.PrometheusHost.RemoteWrite;

/// <summary>
/// Upstream's <c>prometheus_remote_storage_*</c> instruments, shared by every remote write endpoint (one
/// metric family each, a series per endpoint labelled <c>remote_name</c> and <c>url</c>), plus Vigil's count of
/// samples discarded because an endpoint's in-memory queue was full.
/// </summary>
public sealed class RemoteWriteSendMetrics : IDisposable
{
    private readonly Meter _meter = new("Vigil.RemoteWriteSend");
    private readonly ConcurrentDictionary<EndpointMetrics, byte> _endpoints = new();

    /// <summary>Creates the instruments.</summary>
    public RemoteWriteSendMetrics()
    {
        Samples = _meter.CreateCounter<long>("prometheus_remote_storage_samples_total", description: "Total number of samples sent to remote storage.");
        Failed = _meter.CreateCounter<long>("prometheus_remote_storage_samples_failed_total", description: "Total number of samples which failed on send to remote storage, non-recoverable errors.");
        Retried = _meter.CreateCounter<long>("prometheus_remote_storage_samples_retried_total", description: "Total number of samples which failed on send to remote storage but were retried because the send error was recoverable.");
        Dropped = _meter.CreateCounter<long>("prometheus_remote_storage_samples_dropped_total", description: "Total number of samples dropped before being sent via remote write, by relabelling or for being older than sample_age_limit.");
        Histograms = _meter.CreateCounter<long>("prometheus_remote_storage_histograms_total", description: "Total number of histograms sent to remote storage.");
        FailedHistograms = _meter.CreateCounter<long>("prometheus_remote_storage_histograms_failed_total", description: "Total number of histograms which failed on send to remote storage, non-recoverable errors.");
        RetriedHistograms = _meter.CreateCounter<long>("prometheus_remote_storage_histograms_retried_total", description: "Total number of histograms which failed on send to remote storage but were retried because the send error was recoverable.");
        DroppedHistograms = _meter.CreateCounter<long>("prometheus_remote_storage_histograms_dropped_total", description: "Total number of histograms dropped before being sent via remote write, by relabelling, for being older than sample_age_limit, or for having custom buckets, which remote write 1.0 cannot carry.");
        Discarded = _meter.CreateCounter<long>("vigil_remote_storage_samples_discarded_total", description: "Samples discarded because the endpoint's in-memory queue was full (the endpoint was down or too slow for too long).");
        Bytes = _meter.CreateCounter<long>("prometheus_remote_storage_bytes_total", description: "The total number of bytes of data (not metadata) sent by the queue after compression.");
        Duration = _meter.CreateHistogram("prometheus_remote_storage_sent_batch_duration_seconds", unit: "s", description: "Duration of send calls to the remote storage.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60, 120, 300] });
        _meter.CreateObservableGauge("prometheus_remote_storage_samples_pending", () => Each(e => e.Pending),
            description: "The number of samples pending in the queues shards to be sent to the remote storage.");
        _meter.CreateObservableGauge("prometheus_remote_storage_histograms_pending", () => Each(e => e.PendingHistograms),
            description: "The number of histograms pending in the queues shards to be sent to the remote storage.");
        _meter.CreateObservableGauge("prometheus_remote_storage_shards", () => Each(e => e.Shards),
            description: "The number of shards used for parallel sending to the remote storage.");
        _meter.CreateObservableGauge("prometheus_remote_storage_queue_highest_sent_timestamp_seconds", () => Each(e => e.HighestSentMs / 1000.0),
            description: "Timestamp from a WAL sample, the highest timestamp successfully sent by this queue, in seconds since epoch.");
    }

    internal Counter<long> Samples { get; }

    internal Counter<long> Failed { get; }

    internal Counter<long> Retried { get; }

    internal Counter<long> Dropped { get; }

    internal Counter<long> Discarded { get; }

    internal Counter<long> Histograms { get; }

    internal Counter<long> FailedHistograms { get; }

    internal Counter<long> RetriedHistograms { get; }

    internal Counter<long> DroppedHistograms { get; }

    internal Counter<long> Bytes { get; }

    internal Histogram<double> Duration { get; }

    /// <summary>The meter (tests listen to it).</summary>
    public Meter Meter => _meter;

    /// <summary>The series of one endpoint, reported until <see cref="EndpointMetrics.Dispose"/>.</summary>
    public EndpointMetrics For(string remoteName, string url, int shards)
    {
        var endpoint = new EndpointMetrics(this, remoteName, url, shards);
        _endpoints[endpoint] = 0;
        return endpoint;
    }

    internal void Forget(EndpointMetrics endpoint) => _endpoints.TryRemove(endpoint, out _);

    private IEnumerable<Measurement<T>> Each<T>(Func<EndpointMetrics, T> value) where T : struct =>
        [.. _endpoints.Keys.Select(e => new Measurement<T>(value(e), e.Tags))];

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
