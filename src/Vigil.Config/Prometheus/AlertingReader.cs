using Vigil.Config.Loading;

namespace Vigil.Config.Prometheus;

/// <summary>Reads <c>alerting:</c>: alert relabelling and the Alertmanagers to send to (API v2 only, as upstream today).</summary>
internal static class AlertingReader
{
    public static AlertingConfig Read(MapReader? a)
    {
        if (a is null)
        {
            return new AlertingConfig();
        }
        return new AlertingConfig
        {
            AlertRelabelConfigs = RelabelReader.ReadAll(a, "alert_relabel_configs"),
            Alertmanagers = a.MapList("alertmanagers", PrometheusKeys.Alertmanager).Select(ReadAlertmanager).ToList(),
        };
    }

    private static AlertmanagerTargetConfig ReadAlertmanager(MapReader m)
    {
        var version = m.String("api_version") ?? "v2";
        if (version != "v2")
        {
            var hint = version == "v1" ? "Alertmanager API v1 was removed (Alertmanager 0.27 and Prometheus 3 dropped it); use api_version: v2 or leave it out" : "use v2 or leave it out";
            m.Context.Error(m.Value("api_version")!, m.PathOf("api_version"), $"expected Alertmanager api version to be one of [v2] but got {version}", hint);
        }
        var prefix = m.String("path_prefix") ?? "";
        return new AlertmanagerTargetConfig
        {
            Scheme = HttpClientReader.Scheme(m),
            PathPrefix = prefix,
            Timeout = m.Duration("timeout") ?? TimeSpan.FromSeconds(10),
            ApiVersion = version,
            Http = HttpClientReader.Read(m),
            Discovery = DiscoveryReader.Read(m),
            RelabelConfigs = RelabelReader.ReadAll(m, "relabel_configs"),
            AlertRelabelConfigs = RelabelReader.ReadAll(m, "alert_relabel_configs"),
        };
    }
}
