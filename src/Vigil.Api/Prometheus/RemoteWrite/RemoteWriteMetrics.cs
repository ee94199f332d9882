using System.Diagnostics.Metrics;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>Counters of the remote write receiver: samples stored, and samples refused or ignored by reason.</summary>
public sealed class RemoteWriteMetrics : IDisposable
{
    /// <summary>The meter of these instruments.</summary>
    public const string MeterName = "Vigil.Api.RemoteWrite";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _appended;
    private readonly Counter<long> _rejected;

    /// <summary>Creates the instruments.</summary>
    public RemoteWriteMetrics()
    {
        _appended = _meter.CreateCounter<long>("vigil_remote_write_samples_appended_total", description: "Float samples received by remote write and committed to storage.");
        _rejected = _meter.CreateCounter<long>("vigil_remote_write_samples_rejected_total", description: "Samples received by remote write and not stored, by reason.");
    }

    /// <summary>The meter, so an exporter can select exactly these instruments.</summary>
    public Meter Meter => _meter;

    /// <summary>Counts committed samples.</summary>
    public void Appended(long count) => _appended.Add(count);

    /// <summary>Counts samples not stored for <paramref name="reason"/> (e.g. <c>out_of_order</c>).</summary>
    public void Rejected(string reason, long count)
    {
        if (count > 0)
        {
            _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
