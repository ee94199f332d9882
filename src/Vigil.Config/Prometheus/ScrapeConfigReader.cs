using Vigil.Config.Loading;
using Vigil.Model;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Prometheus;

/// <summary>Reads <c>scrape_configs:</c>, applying the global defaults and checking names, timeouts and limits.</summary>
internal static class ScrapeConfigReader
{
    public static List<ScrapeConfig> ReadAll(MapReader top, PromGlobalConfig global)
    {
        var jobs = new List<ScrapeConfig>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in top.MapList("scrape_configs", PrometheusKeys.Scrape))
        {
            if (Read(s, global) is not { } job)
            {
                continue;
            }
            if (seen.TryGetValue(job.JobName, out var firstLine))
            {
                s.Context.Error(s.Value("job_name")!, s.PathOf("job_name"), $"found multiple scrape configs with job name {GoString.Quote(job.JobName)}",
                    $"the first is on line {firstLine}; job names must be unique");
                continue;
            }
            seen[job.JobName] = (int)s.Node.Start.Line;
            jobs.Add(job);
        }
        return jobs;
    }

    private static ScrapeConfig? Read(MapReader s, PromGlobalConfig global)
    {
        var name = s.String("job_name") ?? "";
        if (name.Length == 0)
        {
            s.Context.Error(s.KeyNode("job_name"), s.PathOf("job_name"), "job_name is empty", "every scrape config needs a job_name: (it becomes the job label)");
        }
        var interval = s.Duration("scrape_interval") ?? global.ScrapeInterval;
        var timeout = ReadTimeout(s, global, interval, name);
        var metricsPath = s.String("metrics_path") ?? "/metrics";
        if (!metricsPath.StartsWith('/'))
        {
            s.Context.Warn(s.Value("metrics_path")!, s.PathOf("metrics_path"), "metrics_path does not start with '/'", $"write /{metricsPath}");
        }
        var fallback = s.String("fallback_scrape_protocol") ?? "";
        if (fallback.Length > 0 && !ScrapeProtocolNames.All.Contains(fallback))
        {
            Error(s, "fallback_scrape_protocol", $"invalid fallback_scrape_protocol for scrape config with job name {GoString.Quote(name)}: unknown scrape protocol {fallback}");
        }
        var nativeHistograms = s.Bool("scrape_native_histograms") ?? global.ScrapeNativeHistograms;
        var protocols = PromValues.Protocols(s, "scrape_protocols") ?? DefaultProtocols(global, nativeHistograms);
        ReadUnchecked(s);
        var config = new ScrapeConfig
        {
            JobName = name,
            ScrapeInterval = interval,
            ScrapeTimeout = timeout,
            ScrapeProtocols = protocols,
            FallbackScrapeProtocol = fallback,
            ScrapeNativeHistograms = nativeHistograms,
            AlwaysScrapeClassicHistograms = s.Bool("always_scrape_classic_histograms") ?? global.AlwaysScrapeClassicHistograms,
            ConvertClassicHistogramsToNhcb = s.Bool("convert_classic_histograms_to_nhcb") ?? global.ConvertClassicHistogramsToNhcb,
            NativeHistogramBucketLimit = PromValues.NonNegative(s, "native_histogram_bucket_limit") ?? 0,
            NativeHistogramMinBucketFactor = PromValues.Float(s, "native_histogram_min_bucket_factor") ?? 0,
            MetricsPath = metricsPath,
            Scheme = HttpClientReader.Scheme(s),
            Params = ReadParams(s),
            HonorLabels = s.Bool("honor_labels") ?? false,
            HonorTimestamps = s.Bool("honor_timestamps") ?? true,
            EnableCompression = s.Bool("enable_compression") ?? true,
            Limits = ReadLimits(s, global.Limits),
            ExtraScrapeMetrics = s.Bool("extra_scrape_metrics") ?? global.ExtraScrapeMetrics,
            Http = HttpClientReader.Read(s),
            Discovery = DiscoveryReader.Read(s),
            RelabelConfigs = RelabelReader.ReadAll(s, "relabel_configs"),
            MetricRelabelConfigs = RelabelReader.ReadAll(s, "metric_relabel_configs"),
        };
        return name.Length == 0 ? null : config;
    }

    /// <summary>
    /// A job without <c>scrape_protocols</c> takes the global list when one is written; otherwise, as upstream, the
    /// protobuf format comes first when the job scrapes native histograms (only it carries them).
    /// </summary>
    private static IReadOnlyList<string> DefaultProtocols(PromGlobalConfig global, bool nativeHistograms) =>
        global.ScrapeProtocolsGiven ? global.ScrapeProtocols
        : nativeHistograms ? ScrapeProtocolNames.ProtoFirst
        : ScrapeProtocolNames.Default;

    private static TimeSpan ReadTimeout(MapReader s, PromGlobalConfig global, TimeSpan interval, string name)
    {
        if (s.Duration("scrape_timeout") is not { } timeout)
        {
            // Upstream: an unset timeout is the global one, shortened to the interval when that is shorter.
            return global.ScrapeTimeout > interval ? interval : global.ScrapeTimeout;
        }
        if (timeout > interval)
        {
            s.Context.Error(s.Value("scrape_timeout")!, s.PathOf("scrape_timeout"),
                $"scrape timeout greater than scrape interval for scrape config with job name {GoString.Quote(name)}",
                $"scrape_timeout ({PromDurationText(timeout)}) must not exceed scrape_interval ({PromDurationText(interval)})");
        }
        return timeout;
    }

    private static string PromDurationText(TimeSpan d) => Vigil.Model.Time.PromDuration.Format(d);

    public static ScrapeLimits ReadLimits(MapReader m, ScrapeLimits defaults) => new()
    {
        SampleLimit = PromValues.NonNegative(m, "sample_limit") ?? defaults.SampleLimit,
        TargetLimit = PromValues.NonNegative(m, "target_limit") ?? defaults.TargetLimit,
        LabelLimit = PromValues.NonNegative(m, "label_limit") ?? defaults.LabelLimit,
        LabelNameLengthLimit = PromValues.NonNegative(m, "label_name_length_limit") ?? defaults.LabelNameLengthLimit,
        LabelValueLengthLimit = PromValues.NonNegative(m, "label_value_length_limit") ?? defaults.LabelValueLengthLimit,
        BodySizeLimit = PromValues.Bytes(m, "body_size_limit") ?? defaults.BodySizeLimit,
    };

    /// <summary>params: maps a name to a list of values (<c>module: [http_2xx]</c>).</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadParams(MapReader s)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (s.Map("params", KeySection.AnyKeys) is not { } p)
        {
            return result;
        }
        foreach (var (k, v) in p.Node.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                continue;
            }
            if (v is YamlScalarNode single && !YamlValues.IsNull(v))
            {
                p.Context.Error(v, p.PathOf(name), "expected a list of values", $"write {name}: [{single.Value}]");
                continue;
            }
            result[name] = p.StringList(name) ?? [];
        }
        return result;
    }

    /// <summary>Fields Vigil accepts as upstream does but does not act on (name escaping, log files).</summary>
    private static void ReadUnchecked(MapReader s)
    {
        _ = s.Bool("track_timestamps_staleness");
        _ = PromValues.NonNegative(s, "keep_dropped_targets");
        if (s.String("metric_name_validation_scheme") is { } scheme && scheme is not ("" or "legacy" or "utf8"))
        {
            Error(s, "metric_name_validation_scheme", $"unknown scrape config name validation method specified, must be either '', 'legacy' or 'utf8', got {scheme}");
        }
    }

    private static bool Error(MapReader m, string key, string message)
    {
        m.Context.Error(m.Value(key) ?? m.Node, m.PathOf(key), message);
        return false;
    }
}
