using Vigil.Config.Loading;
using Vigil.Model;
using Vigil.Model.Labels;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Prometheus;

/// <summary>Reads a whole parsed prometheus.yml: global defaults first, since scrape jobs inherit them.</summary>
internal static class PrometheusConfigReader
{
    public static PrometheusConfig? Read(ParseContext context, YamlNode root, string path, string text)
    {
        if (MapReader.Open(context, root, "", PrometheusKeys.Top) is not { } top)
        {
            // An empty prometheus.yml is valid upstream: every default applies.
            return YamlValues.IsNull(root) ? new PrometheusConfig { Original = text, SourcePath = path } : null;
        }
        var global = ReadGlobal(top.Map("global", PrometheusKeys.Global));
        var storage = top.Map("storage", PrometheusKeys.Storage);
        var config = new PrometheusConfig
        {
            Global = global,
            RuleFiles = ReadRuleFiles(top),
            ScrapeConfigs = ScrapeConfigReader.ReadAll(top, global),
            Alerting = AlertingReader.Read(top.Map("alerting", PrometheusKeys.Alerting)),
            RemoteWrite = RemoteReader.ReadWrites(top),
            RemoteRead = RemoteReader.ReadReads(top),
            OutOfOrderTimeWindow = ReadStorage(storage),
            MaxExemplars = ReadMaxExemplars(storage),
            Original = text,
            SourcePath = path,
        };
        NoteIgnored(top);
        return config;
    }

    private static PromGlobalConfig ReadGlobal(MapReader? g)
    {
        var defaults = new PromGlobalConfig();
        if (g is null)
        {
            return defaults;
        }
        var interval = g.Duration("scrape_interval") ?? defaults.ScrapeInterval;
        var timeout = g.Duration("scrape_timeout");
        if (timeout > interval)
        {
            g.Context.Error(g.Value("scrape_timeout")!, g.PathOf("scrape_timeout"), "global scrape timeout greater than scrape interval",
                "scrape_timeout must not exceed scrape_interval");
        }
        _ = PromValues.NonNegative(g, "keep_dropped_targets");
        return new PromGlobalConfig
        {
            ScrapeInterval = interval,
            // Upstream: an unset timeout is 10s, shortened to the interval when that is shorter.
            ScrapeTimeout = timeout ?? (defaults.ScrapeTimeout > interval ? interval : defaults.ScrapeTimeout),
            EvaluationInterval = g.Duration("evaluation_interval") ?? defaults.EvaluationInterval,
            RuleQueryOffset = g.Duration("rule_query_offset") ?? TimeSpan.Zero,
            ScrapeProtocols = PromValues.Protocols(g, "scrape_protocols") ?? defaults.ScrapeProtocols,
            ScrapeProtocolsGiven = g.Has("scrape_protocols"),
            ScrapeNativeHistograms = g.Bool("scrape_native_histograms") ?? false,
            AlwaysScrapeClassicHistograms = g.Bool("always_scrape_classic_histograms") ?? false,
            ConvertClassicHistogramsToNhcb = g.Bool("convert_classic_histograms_to_nhcb") ?? false,
            ExternalLabels = ReadExternalLabels(g),
            QueryLogFile = g.String("query_log_file") is { Length: > 0 } q ? g.Context.Resolve(q) : "",
            Limits = ScrapeConfigReader.ReadLimits(g, new ScrapeLimits()),
            ExtraScrapeMetrics = g.Bool("extra_scrape_metrics"),
        };
    }

    private static IReadOnlyDictionary<string, string> ReadExternalLabels(MapReader g)
    {
        var labels = DiscoveryReader.Labels(g, "external_labels");
        if (labels.ContainsKey(LabelName.MetricName))
        {
            g.Context.Error(g.Value("external_labels")!, g.PathOf("external_labels"), "\"__name__\" is not a valid external label name");
        }
        // Upstream drops external labels with an empty value rather than sending them.
        return labels.Where(l => l.Value.Length > 0).ToDictionary(StringComparer.Ordinal);
    }

    private static List<string> ReadRuleFiles(MapReader top)
    {
        var files = top.StringList("rule_files") ?? [];
        var seq = top.Sequence("rule_files");
        for (var i = 0; i < files.Count; i++)
        {
            if (!IsValidGlob(files[i]))
            {
                top.Context.Error(seq!.Children[i], $"rule_files[{i}]", $"invalid rule file path {GoString.Quote(files[i])}",
                    "a file name or a glob whose '*' is only in the last path segment, e.g. rules/*.yml");
            }
        }
        return files.Select(top.Context.Resolve).ToList();
    }

    /// <summary>Upstream allows a wildcard only in the file name, not in directory names.</summary>
    private static bool IsValidGlob(string path) =>
        path.Length > 0 && !Path.GetDirectoryName(path)!.Contains('*', StringComparison.Ordinal);

    private static TimeSpan ReadStorage(MapReader? storage)
    {
        if (storage is null)
        {
            return TimeSpan.Zero;
        }
        if (storage.Map("tsdb", PrometheusKeys.Tsdb) is not { } tsdb)
        {
            return TimeSpan.Zero;
        }
        var window = tsdb.Duration("out_of_order_time_window") ?? TimeSpan.Zero;
        if (window < TimeSpan.Zero)
        {
            tsdb.Context.Error(tsdb.Value("out_of_order_time_window")!, tsdb.PathOf("out_of_order_time_window"), "out_of_order_time_window must not be negative");
        }
        return window;
    }

    /// <summary><c>storage.exemplars.max_exemplars</c>, upstream's default (100000) when not given.</summary>
    private static long ReadMaxExemplars(MapReader? storage) =>
        storage?.Map("exemplars", PrometheusKeys.Exemplars) is { } exemplars
            ? PromValues.NonNegative(exemplars, "max_exemplars") ?? PrometheusConfig.DefaultMaxExemplars
            : PrometheusConfig.DefaultMaxExemplars;

    /// <summary>Sections that are valid upstream but that Vigil does not act on: accepted, with a note.</summary>
    private static void NoteIgnored(MapReader top)
    {
        foreach (var key in new[] { "tracing", "otlp", "runtime", "scrape_config_files" })
        {
            if (top.Has(key))
            {
                top.Context.Warn(top.KeyNode(key), key, $"{key} is accepted for compatibility but not used by Vigil");
            }
        }
    }
}
