using Vigil.Api.Prometheus;

namespace Vigil.PrometheusHost;

/// <summary>The <c>/api/v1</c> endpoints only the host can answer, keyed by path (see <c>PrometheusWebParts.HostApi</c>).</summary>
public static class HostEndpoints
{
    /// <summary>Rules, alerts, Alertmanagers, targets, metric metadata, scrape pools, config and TSDB status of <paramref name="server"/>'s running config.</summary>
    public static Dictionary<string, Func<ApiRequest, ApiResult>> For(PrometheusServer server)
    {
        var endpoints = new Dictionary<string, Func<ApiRequest, ApiResult>>
        {
            ["/rules"] = r => RulesApi.Rules(server.Rules.Groups, RulesFilter.From(r)),
            ["/alerts"] = _ => RulesApi.Alerts(server.Rules.Groups),
            ["/targets"] = r => TargetsApi.Targets(server.Scrapes.ActiveTargets(), server.Scrapes.DroppedTargets(), ScrapePools(server), r),
            ["/alertmanagers"] = _ => AlertmanagersApi.Alertmanagers(server.Notifier.Alertmanagers, server.Notifier.DroppedAlertmanagers),
            ["/targets/metadata"] = r => MetadataApi.TargetMetadata(server.Scrapes.ActiveTargets(), r),
            ["/metadata"] = r => MetadataApi.Metadata(server.Scrapes.ActiveTargets(), r),
            ["/scrape_pools"] = _ => TargetsApi.ScrapePools(ScrapePools(server)),
            ["/status/config"] = _ => StatusHandlers.Config(server.Config.MaskedYaml),
        };
        if (server.Storage is PrometheusStorage storage)
        {
            endpoints["/status/tsdb"] = r => TsdbStatusHandlers.Tsdb(r, storage.Statistics);
            endpoints["/status/walreplay"] = _ => TsdbStatusHandlers.WalReplay(storage.WalReplay);
        }
        return endpoints;
    }

    private static List<string> ScrapePools(PrometheusServer server) => [.. server.Config.ScrapeConfigs.Select(c => c.JobName).Distinct()];
}
