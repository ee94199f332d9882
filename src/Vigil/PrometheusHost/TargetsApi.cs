using System.Globalization;
using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Model.Time;
using Vigil.Scrape;
using Vigil.Scrape.Loop;

namespace Vigil.PrometheusHost;

/// <summary><c>/api/v1/targets</c> in upstream's JSON shape (every target; no <c>state</c> filter yet).</summary>
public static class TargetsApi
{
    /// <summary>The active targets with their health, and the targets relabelling dropped.</summary>
    public static ApiResult Targets(IReadOnlyList<ActiveTargetStatus> active, IReadOnlyList<DroppedTargetStatus> dropped) => new(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("activeTargets");
        foreach (var target in active)
        {
            WriteActive(w, target);
        }
        w.WriteEndArray();
        w.WriteStartArray("droppedTargets");
        foreach (var target in dropped)
        {
            w.WriteStartObject();
            w.WritePropertyName("discoveredLabels");
            ApiJson.WriteLabels(w, target.DiscoveredLabels);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteActive(Utf8JsonWriter w, ActiveTargetStatus status)
    {
        var (target, health) = (status.Target, status.Health);
        w.WriteStartObject();
        w.WritePropertyName("discoveredLabels");
        ApiJson.WriteLabels(w, target.DiscoveredLabels);
        w.WritePropertyName("labels");
        ApiJson.WriteLabels(w, target.Labels);
        w.WriteString("scrapePool", target.Job);
        w.WriteString("scrapeUrl", target.Url.ToString());
        w.WriteString("globalUrl", target.Url.ToString());
        w.WriteString("lastError", health.LastError);
        w.WriteString("lastScrape", (health.LastScrape ?? default).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        w.WriteNumber("lastScrapeDuration", health.LastDuration.TotalSeconds);
        w.WriteString("health", health.Health switch
        {
            HealthState.Up => "up",
            HealthState.Down => "down",
            _ => "unknown",
        });
        w.WriteString("scrapeInterval", PromDuration.Format(status.Options.Interval));
        w.WriteString("scrapeTimeout", PromDuration.Format(status.Options.Timeout));
        w.WriteEndObject();
    }
}
