using Vigil.PromQL.Parser;

namespace Vigil.PrometheusHost;

/// <summary>
/// The <c>--enable-feature</c> values of <c>vigil prometheus</c>, read as upstream reads them: comma-separated,
/// repeatable; an unknown name is logged as a warning and otherwise ignored, so a command line written for
/// upstream still starts.
/// </summary>
public sealed record FeatureFlags
{
    /// <summary>How a feature name is handled, and the line logged for it at startup.</summary>
    public enum Handling
    {
        /// <summary>Turns on a feature vigil implements (logged at info).</summary>
        Enabled,

        /// <summary>A feature vigil always has on; the flag changes nothing (logged at info).</summary>
        AlwaysOn,

        /// <summary>A feature upstream knows that vigil does not implement; the flag changes nothing (logged as a warning).</summary>
        NotImplemented,

        /// <summary>A name upstream does not know either (logged as a warning).</summary>
        Unknown,

        /// <summary>
        /// A feature upstream replaced by a config setting: the flag changes nothing, and the warning says which
        /// setting to use (<see cref="ReplacementHint"/>).
        /// </summary>
        Replaced,
    }

    /// <summary>Upstream's <c>promql-delayed-name-removal</c>: the engine removes <c>__name__</c> at the end of a query.</summary>
    public bool DelayedNameRemoval { get; init; }

    /// <summary>
    /// Upstream's <c>use-start-timestamps</c>: the engine uses the start timestamps storage keeps. Vigil's TSDB
    /// keeps none yet, so on a server <c>start_timestamp()</c> gives 0 and rates are unchanged, as upstream
    /// without <c>st-storage</c>.
    /// </summary>
    public bool UseStartTimestamps { get; init; }

    /// <summary>
    /// The experimental PromQL the server accepts in queries, rule files and the API: upstream's
    /// <c>promql-experimental-functions</c>, <c>promql-extended-range-selectors</c> and <c>promql-binop-fill-modifiers</c>
    /// (duration expressions are always on, as upstream made that flag a no-op).
    /// </summary>
    public ParserOptions Parser { get; init; } = ParserOptions.Default;

    /// <summary>
    /// Upstream's <c>exemplar-storage</c>: scrapes and the remote write receiver store exemplars, up to
    /// <c>storage.exemplars.max_exemplars</c>, for <c>/api/v1/query_exemplars</c>.
    /// </summary>
    public bool ExemplarStorage { get; init; }

    /// <summary>
    /// Upstream's <c>extra-scrape-metrics</c>: a job that does not set <c>extra_scrape_metrics</c> (nor does the
    /// global section) reports <c>scrape_timeout_seconds</c>, <c>scrape_sample_limit</c> and
    /// <c>scrape_body_size_bytes</c>, as if it were set to true.
    /// </summary>
    public bool ExtraScrapeMetrics { get; init; }

    /// <summary>
    /// Upstream's <c>concurrent-rule-eval</c>: rules of a group with no dependency between them are evaluated at the
    /// same time, at most <c>--rules.max-concurrent-evals</c> at once over the server.
    /// </summary>
    public bool ConcurrentRuleEval { get; init; }

    /// <summary>
    /// Upstream's deprecated <c>auto-reload-config</c>, the same as <c>--config.auto-reload</c>: reload when the
    /// config file or a rule file changes.
    /// </summary>
    public bool AutoReloadConfig { get; init; }

    /// <summary>Each name given, in order, with how it is handled.</summary>
    public IReadOnlyList<(string Name, Handling How)> Given { get; init; } = [];

    // Upstream's feature names vigil implements, one per line so parallel additions merge cleanly.
    private static readonly HashSet<string> EnabledNames = new(StringComparer.Ordinal)
    {
        "promql-delayed-name-removal",
        "use-start-timestamps",
        "exemplar-storage",
        "extra-scrape-metrics",
        "concurrent-rule-eval",
        "auto-reload-config",
        FeatureGates.ExperimentalFunctions,
        FeatureGates.ExtendedRangeSelectors,
        FeatureGates.BinopFillModifiers,
    };

    // Upstream's feature names (cmd/prometheus) that vigil has no implementation behind.
    private static readonly HashSet<string> NotImplementedNames = new(StringComparer.Ordinal)
    {
        "memory-snapshot-on-shutdown", "metadata-wal-records",
        "promql-per-step-stats", "created-timestamp-zero-ingestion",
        "xor2-encoding", "histograms-st-encoding", "st-synthesis", "st-storage",
        "delayed-compaction", "old-ui", "otlp-deltatocumulative", "otlp-native-delta-ingestion",
        "type-and-unit-labels", "use-uncached-io", "fast-startup", "search-api",
    };

    // Upstream made duration expressions permanent; out-of-order native histograms are always accepted.
    private static readonly HashSet<string> AlwaysOnNames = new(StringComparer.Ordinal)
    {
        FeatureGates.DurationExpressions, "ooo-native-histograms",
    };

    /// <summary>
    /// The line upstream logs for an implemented feature when it is not the generic one: a warning for names it
    /// is phasing out, its own wording otherwise; null for the generic "Experimental feature enabled".
    /// </summary>
    public static (bool Warning, string Message)? UpstreamLine(string name) => name switch
    {
        "auto-reload-config" => (true, "This option for --enable-feature is deprecated. Use --config.auto-reload instead."),
        "extra-scrape-metrics" => (true, "This option for --enable-feature is being phased out. It only changes the default of the extra_scrape_metrics config setting to true; set extra_scrape_metrics in the config instead."),
        "concurrent-rule-eval" => (false, "Experimental concurrent rule evaluation enabled."),
        _ => null,
    };

    // Features upstream turned into config settings; upstream warns with these words and ignores the flag.
    private static readonly Dictionary<string, string> ReplacedNames = new(StringComparer.Ordinal)
    {
        ["native-histograms"] = "This option for --enable-feature is a no-op. To scrape native histograms, set the scrape_native_histograms scrape config setting to true.",
    };

    /// <summary>The warning for a <see cref="Handling.Replaced"/> name, saying which setting replaces it.</summary>
    public static string ReplacementHint(string name) => ReplacedNames.GetValueOrDefault(name, "");

    /// <summary>Reads the values of every <c>--enable-feature</c> given.</summary>
    public static FeatureFlags Parse(IEnumerable<string> values)
    {
        var given = new List<(string, Handling)>();
        var parser = ParserOptions.Default;
        foreach (var name in values.SelectMany(v => v.Split(',')).Where(n => n.Length > 0))
        {
            var how = Classify(name);
            if (how == Handling.Enabled)
            {
                FeatureGates.TryEnable(parser, name, out parser);
            }
            given.Add((name, how));
        }
        return new FeatureFlags
        {
            Given = given,
            Parser = parser,
            DelayedNameRemoval = given.Any(g => g.Item1 == "promql-delayed-name-removal"),
            UseStartTimestamps = given.Any(g => g.Item1 == "use-start-timestamps"),
            ExemplarStorage = given.Any(g => g.Item1 == "exemplar-storage"),
            ExtraScrapeMetrics = given.Any(g => g.Item1 == "extra-scrape-metrics"),
            ConcurrentRuleEval = given.Any(g => g.Item1 == "concurrent-rule-eval"),
            AutoReloadConfig = given.Any(g => g.Item1 == "auto-reload-config"),
        };
    }

    private static Handling Classify(string name) => name switch
    {
        _ when EnabledNames.Contains(name) => Handling.Enabled,
        _ when AlwaysOnNames.Contains(name) => Handling.AlwaysOn,
        _ when ReplacedNames.ContainsKey(name) => Handling.Replaced,
        _ when NotImplementedNames.Contains(name) => Handling.NotImplemented,
        _ => Handling.Unknown,
    };
}
