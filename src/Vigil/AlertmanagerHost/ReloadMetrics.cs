using System.Diagnostics.Metrics;
using System.Security.Cryptography;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// <c>alertmanager_config_last_reload_successful</c>, <c>..._success_timestamp_seconds</c> and
/// <c>alertmanager_config_hash</c>: how a monitoring system tells a refused reload.
/// </summary>
public sealed class ReloadMetrics : IDisposable
{
    /// <summary>The meter of these instruments.</summary>
    public const string MeterName = "Vigil.Host";

    private readonly Meter _meter = new(MeterName);

    /// <summary>The meter, so an exporter can select exactly these instruments.</summary>
    public Meter Meter => _meter;
    private volatile bool _successful;
    private double _successTimestamp;
    private double _hash;

    /// <summary>Creates the instruments.</summary>
    public ReloadMetrics()
    {
        _meter.CreateObservableGauge("alertmanager_config_last_reload_successful", () => _successful ? 1 : 0,
            description: "Whether the last configuration reload attempt was successful.");
        _meter.CreateObservableGauge("alertmanager_config_last_reload_success_timestamp_seconds", () => Volatile.Read(ref _successTimestamp),
            description: "Timestamp of the last successful configuration reload.");
        _meter.CreateObservableGauge("alertmanager_cluster_enabled", () => 0,
            description: "Indicates whether the clustering is enabled or not (vigil does not cluster yet).");
        _meter.CreateObservableGauge("alertmanager_config_hash", () => Volatile.Read(ref _hash),
            description: "Hash of the currently loaded alertmanager configuration.");
    }

    /// <summary>Records a successful load of a file with <paramref name="content"/>.</summary>
    public void Succeeded(DateTimeOffset at, byte[] content)
    {
        Volatile.Write(ref _hash, HashValue(content));
        Volatile.Write(ref _successTimestamp, at.ToUnixTimeMilliseconds() / 1000.0);
        _successful = true;
    }

    /// <summary>Records a refused reload.</summary>
    public void Failed() => _successful = false;

    /// <summary>
    /// The file's MD5 as a gauge value, computed as upstream does (first 48 bits, little-endian)
    /// so the value fits a float64 exactly and equals Alertmanager's for the same file.
    /// </summary>
    public static double HashValue(byte[] content)
    {
        var sum = MD5.HashData(content);
        Span<byte> bytes = stackalloc byte[8];
        sum.AsSpan(0, 6).CopyTo(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
