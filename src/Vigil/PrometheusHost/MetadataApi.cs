using System.Globalization;
using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.Scrape;
using Vigil.Scrape.Loop;

namespace Vigil.PrometheusHost;

/// <summary>
/// <c>/api/v1/targets/metadata</c> and <c>/api/v1/metadata</c> in today's upstream shapes, answered from the
/// HELP/TYPE/UNIT lines each active target exposed in its recent scrapes.
/// </summary>
public static class MetadataApi
{
    /// <summary>
    /// One entry per (target, family): <c>target</c> labels, <c>metric</c> (left out when the request names one
    /// with <c>metric</c>), <c>type</c>, <c>help</c>, <c>unit</c>. <c>match_target</c> selects targets by their labels.
    /// <c>limit</c> is checked before each target, as upstream does, so the last target's entries all come along.
    /// </summary>
    public static ApiResult TargetMetadata(IReadOnlyList<ActiveTargetStatus> active, ApiRequest request)
    {
        var limit = Limit(request, "limit");
        var matchers = MatchTarget(request);
        var metric = request.Value("metric");
        var entries = new List<(LabelSet Target, MetricMetadata Metadata)>();
        foreach (var status in active)
        {
            if (limit >= 0 && entries.Count >= limit)
            {
                break;
            }
            var labels = status.Target.Labels;
            if (!matchers.All(m => m.Matches(labels.Get(m.Name))))
            {
                continue;
            }
            entries.AddRange(status.Metadata.Where(m => metric.Length == 0 || m.Family == metric).Select(m => (labels, m)));
        }
        return new ApiResult(w =>
        {
            w.WriteStartArray();
            foreach (var (target, metadata) in entries)
            {
                w.WriteStartObject();
                w.WritePropertyName("target");
                ApiJson.WriteLabels(w, target);
                if (metric.Length == 0)
                {
                    w.WriteString("metric", metadata.Family);
                }
                WriteFields(w, metadata, helpFirst: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    /// <summary>
    /// Per family, the distinct (type, help, unit) the targets agree or disagree on. <c>metric</c> narrows to one
    /// family; <c>limit</c> caps the families (the first by name), <c>limit_per_metric</c> the entries per family.
    /// </summary>
    public static ApiResult Metadata(IReadOnlyList<ActiveTargetStatus> active, ApiRequest request)
    {
        var limit = Limit(request, "limit");
        var perMetric = Limit(request, "limit_per_metric");
        var metric = request.Value("metric");
        var families = new SortedDictionary<string, List<MetricMetadata>>(StringComparer.Ordinal);
        foreach (var metadata in active.SelectMany(t => t.Metadata).Where(m => metric.Length == 0 || m.Family == metric))
        {
            if (!families.TryGetValue(metadata.Family, out var distinct))
            {
                families[metadata.Family] = distinct = [];
            }
            if ((perMetric <= 0 || distinct.Count < perMetric) && !distinct.Any(d => SameFields(d, metadata)))
            {
                distinct.Add(metadata);
            }
        }
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            foreach (var (family, distinct) in families.Take(limit >= 0 ? limit : int.MaxValue))
            {
                w.WriteStartArray(family);
                foreach (var metadata in distinct)
                {
                    w.WriteStartObject();
                    WriteFields(w, metadata, helpFirst: false);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        });
    }

    private static bool SameFields(MetricMetadata a, MetricMetadata b) =>
        a.Type == b.Type && a.Help == b.Help && a.Unit == b.Unit;

    private static void WriteFields(Utf8JsonWriter w, MetricMetadata metadata, bool helpFirst)
    {
        // Upstream's two answers order the fields differently (target entries: help, unit; /metadata: unit, help).
        w.WriteString("type", metadata.TypeName);
        if (helpFirst)
        {
            w.WriteString("help", metadata.Help);
            w.WriteString("unit", metadata.Unit);
            return;
        }
        w.WriteString("unit", metadata.Unit);
        w.WriteString("help", metadata.Help);
    }

    private static int Limit(ApiRequest request, string name)
    {
        var text = request.Value(name);
        if (text.Length == 0)
        {
            return -1;
        }
        // Upstream reads it with strconv.Atoi, so any integer goes, and a negative one means no limit.
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : throw new ApiError(ApiErrorType.BadData, $"{name} must be a number");
    }

    private static IReadOnlyList<Vigil.Model.Labels.Matcher> MatchTarget(ApiRequest request)
    {
        var text = request.Value("match_target");
        if (text.Length == 0)
        {
            return [];
        }
        try
        {
            return ApiParams.ParseSelector(text);
        }
        catch (ApiError e)
        {
            throw ApiError.InvalidParam("match_target", e.Message);
        }
    }
}
