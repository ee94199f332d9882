using System.Diagnostics.Metrics;
using Vigil.Api.Prometheus;

namespace Vigil.PrometheusHost;

/// <summary>
/// <c>prometheus_config_last_reload_successful</c> and <c>prometheus_config_last_reload_success_timestamp_seconds</c>:
/// how a monitoring system (or an operator after an automatic reload) tells that the files on disk were refused
/// and the previous config is still running. Both are read from the server's runtime facts at each collection.
/// </summary>
public sealed class ConfigReloadMetrics : IDisposable
{
    /// <summary>The meter of these instruments.</summary>
    public const string MeterName = "Vigil.Prometheus.Config";

    private readonly Meter _meter = new(MeterName);

    /// <summary>Publishes the state <paramref name="facts"/> returns at each collection.</summary>
    public ConfigReloadMetrics(Func<RuntimeFacts> facts)
    {
        _meter.CreateObservableGauge("prometheus_config_last_reload_successful", () => facts().ReloadConfigSuccess ? 1 : 0,
            description: "Whether the last configuration reload attempt was successful.");
        _meter.CreateObservableGauge("prometheus_config_last_reload_success_timestamp_seconds", () => facts().LastConfigTime.ToUnixTimeMilliseconds() / 1000.0,
            description: "Timestamp of the last successful configuration reload.");
    }

    /// <summary>This instance's meter (tests listen to it alone).</summary>
    public Meter Meter => _meter;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
