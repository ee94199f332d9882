using Vigil.Config.Prometheus;
using Vigil.Model.Histograms;
using Vigil.Model.Relabel;
using Vigil.Scrape.Parsing;
using Vigil.Scrape.Parsing.Protobuf;

namespace Vigil.Scrape.Loop;

/// <summary>The per-job settings a scrape loop needs, with the metric relabel rules compiled once.</summary>
public sealed class ScrapeOptions
{
    /// <summary>Takes the settings from a scrape config.</summary>
    public ScrapeOptions(ScrapeConfig config)
    {
        Config = config;
        MetricRelabeler = new Relabeler(config.MetricRelabelConfigs);
        AcceptHeader = ContentNegotiation.AcceptHeader(config.ScrapeProtocols, utf8Names: false);
        Protobuf = new ProtobufParserOptions(config.ScrapeNativeHistograms, config.AlwaysScrapeClassicHistograms, config.ConvertClassicHistogramsToNhcb);
        MaxSchema = SchemaForBucketFactor(config.NativeHistogramMinBucketFactor);
    }

    /// <summary>The config these options come from (compared on reload).</summary>
    public ScrapeConfig Config { get; }

    /// <summary>Compiled <c>metric_relabel_configs</c>.</summary>
    public Relabeler MetricRelabeler { get; }

    /// <summary>Time between scrapes.</summary>
    public TimeSpan Interval => Config.ScrapeInterval > TimeSpan.Zero ? Config.ScrapeInterval : TimeSpan.FromMinutes(1);

    /// <summary>How long one scrape may take, never more than the interval.</summary>
    public TimeSpan Timeout => Config.ScrapeTimeout > TimeSpan.Zero && Config.ScrapeTimeout < Interval ? Config.ScrapeTimeout : Interval;

    /// <summary>The protocol assumed when the target's Content-Type is missing or unknown ("" for none).</summary>
    public string FallbackProtocol => Config.FallbackScrapeProtocol;

    /// <summary>
    /// Whether the loop also reports <c>scrape_timeout_seconds</c>, <c>scrape_sample_limit</c> and
    /// <c>scrape_body_size_bytes</c> (<c>extra_scrape_metrics</c>; off when unset, as upstream's default).
    /// </summary>
    public bool ExtraMetrics => Config.ExtraScrapeMetrics ?? false;

    /// <summary>The Accept header built from <c>scrape_protocols</c> (computed once per job).</summary>
    public string AcceptHeader { get; }

    /// <summary>How protobuf scrapes treat native and classic histograms.</summary>
    public ProtobufParserOptions Protobuf { get; }

    /// <summary>The finest exponential schema stored (from <c>native_histogram_min_bucket_factor</c>); finer histograms are reduced to it.</summary>
    public int MaxSchema { get; }

    /// <summary>
    /// The finest schema whose bucket growth factor (2^(2^-schema)) is at least <paramref name="factor"/>, within
    /// -4..8, as upstream picks it; a factor of 1 or less means "as fine as possible" (8).
    /// </summary>
    public static int SchemaForBucketFactor(double factor)
    {
        if (factor <= 1)
        {
            // Upstream substitutes a factor a hair above schema 8's, so rounding cannot pick schema 9.
            factor = 1.00271;
        }
        var floor = Math.Floor(-Math.Log2(Math.Log2(factor)));
        return (int)Math.Clamp(floor, FloatHistogram.MinSchema, FloatHistogram.MaxSchema);
    }
}
