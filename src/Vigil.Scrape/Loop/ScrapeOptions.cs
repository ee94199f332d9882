using Vigil.Config.Prometheus;
using Vigil.Model.Relabel;
using Vigil.Scrape.Parsing;

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
}
