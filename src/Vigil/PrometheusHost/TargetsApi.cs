using System.Globalization;
using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Model.Time;
using Vigil.Scrape;
using Vigil.Scrape.Loop;

namespace Vigil.PrometheusHost;

/// <summary><c>/api/v1/targets</c> and <c>/api/v1/scrape_pools</c> in upstream's JSON shapes.</summary>
public static class TargetsApi
{
    /// <summary>
    /// The active targets with their health, and the targets relabelling dropped, narrowed by the
    /// request's <c>state</c> (<c>active</c>, <c>dropped</c>, <c>any</c>) and <c>scrapePool</c>;
    /// <c>droppedTargetCounts</c> counts the dropped targets of every pool in <paramref name="pools"/>.
    /// </summary>
    public static ApiResult Targets(IReadOnlyList<ActiveTargetStatus> active, IReadOnlyList<DroppedTargetStatus> dropped, IReadOnlyList<string>? pools = null, ApiRequest? request = null)
    {
        var pool = request?.Value("scrapePool") ?? "";
        // Upstream ignores an unknown state and then shows neither list (only "", any, active, dropped select one).
        var state = (request?.Value("state") ?? "").ToLowerInvariant();
        var showActive = state is "" or "any" or "active";
        var showDropped = state is "" or "any" or "dropped";
        bool InPool(string job) => pool.Length == 0 || job == pool;
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("activeTargets");
            foreach (var target in active.Where(t => showActive && InPool(t.Target.Job)))
            {
                WriteActive(w, target);
            }
            w.WriteEndArray();
            w.WriteStartArray("droppedTargets");
            foreach (var target in dropped.Where(t => showDropped && InPool(t.Job)).OrderBy(t => t.Job, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WritePropertyName("discoveredLabels");
                ApiJson.WriteLabels(w, target.DiscoveredLabels);
                w.WriteString("scrapePool", target.Job);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteDroppedCounts(w, showDropped, pools ?? [.. dropped.Select(d => d.Job).Distinct()], dropped);
            w.WriteEndObject();
        });
    }

    /// <summary>The configured scrape pools (job names), sorted.</summary>
    public static ApiResult ScrapePools(IEnumerable<string> pools) => new(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("scrapePools");
        ApiJson.WriteStrings(w, pools.Order(StringComparer.Ordinal));
        w.WriteEndObject();
    });

    private static void WriteDroppedCounts(Utf8JsonWriter w, bool show, IReadOnlyList<string> pools, IReadOnlyList<DroppedTargetStatus> dropped)
    {
        if (!show)
        {
            // Upstream leaves the map nil when dropped targets are not asked for.
            w.WriteNull("droppedTargetCounts");
            return;
        }
        w.WriteStartObject("droppedTargetCounts");
        foreach (var pool in pools.Distinct().Order(StringComparer.Ordinal))
        {
            w.WriteNumber(pool, dropped.Count(d => d.Job == pool));
        }
        w.WriteEndObject();
    }

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
