using System.Diagnostics.Metrics;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>
/// Upstream's <c>prometheus_remote_read_client_*</c> instruments, shared by every <c>remote_read</c> endpoint (a
/// series per endpoint labelled <c>remote_name</c> and <c>endpoint</c>, the URL with any password masked).
/// </summary>
public sealed class RemoteReadClientMetrics : IDisposable
{
    private readonly Meter _meter = new("Vigil.RemoteReadClient");

    /// <summary>Creates the instruments.</summary>
    public RemoteReadClientMetrics()
    {
        Total = _meter.CreateCounter<long>("prometheus_remote_read_client_queries_total", description: "The total number of remote read queries.");
        InFlight = _meter.CreateUpDownCounter<long>("prometheus_remote_read_client_queries", description: "The number of in-flight remote read queries.");
        Duration = _meter.CreateHistogram("prometheus_remote_read_client_request_duration_seconds", unit: "s",
            description: "Histogram of the latency for remote read requests. Note that for streamed responses this is only the duration of the initial call and does not include the processing of the stream.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 60] });
    }

    internal Counter<long> Total { get; }

    internal UpDownCounter<long> InFlight { get; }

    internal Histogram<double> Duration { get; }

    /// <summary>The meter (tests listen to it).</summary>
    public Meter Meter => _meter;

    /// <summary>The series of one endpoint.</summary>
    public Endpoint For(string remoteName, string url) => new(this, remoteName, url);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>One endpoint's view of the instruments.</summary>
    public sealed class Endpoint
    {
        private readonly RemoteReadClientMetrics _shared;
        private readonly KeyValuePair<string, object?>[] _tags;

        internal Endpoint(RemoteReadClientMetrics shared, string remoteName, string url)
        {
            _shared = shared;
            _tags = [new("remote_name", remoteName), new("endpoint", url)];
        }

        /// <summary>A query started (<paramref name="delta"/> 1) or ended (-1).</summary>
        public void InFlight(int delta) => _shared.InFlight.Add(delta, _tags);

        /// <summary>
        /// The server answered: <paramref name="responseType"/> is <c>sampled</c>, <c>chunked</c> or
        /// <c>unsupported</c>; <paramref name="code"/> the HTTP status, or <c>aborted_stream</c> for a stream that broke off.
        /// </summary>
        public void Answered(string responseType, string code) =>
            _shared.Total.Add(1, [.. _tags, new("response_type", responseType), new("code", code)]);

        /// <summary>How long the server took to start answering.</summary>
        public void Took(string responseType, TimeSpan duration) =>
            _shared.Duration.Record(duration.TotalSeconds, [.. _tags, new("response_type", responseType)]);
    }
}
