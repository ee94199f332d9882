namespace Vigil.Config.Prometheus;

/// <summary>A loaded <c>prometheus.yml</c>, with upstream's defaults filled in.</summary>
public sealed record PrometheusConfig
{
    /// <summary>The global section.</summary>
    public PromGlobalConfig Global { get; init; } = new();

    /// <summary>Rule file globs, resolved against the config file's directory.</summary>
    public IReadOnlyList<string> RuleFiles { get; init; } = [];

    /// <summary>Scrape jobs, in file order; job names are unique.</summary>
    public IReadOnlyList<ScrapeConfig> ScrapeConfigs { get; init; } = [];

    /// <summary>Where alerts are sent.</summary>
    public AlertingConfig Alerting { get; init; } = new();

    /// <summary>Remote write endpoints.</summary>
    public IReadOnlyList<RemoteWriteConfig> RemoteWrite { get; init; } = [];

    /// <summary>Remote read endpoints (parsed; not used by Vigil yet).</summary>
    public IReadOnlyList<RemoteReadConfig> RemoteRead { get; init; } = [];

    /// <summary>The out-of-order window of <c>storage.tsdb</c> (zero: out-of-order samples are refused).</summary>
    public TimeSpan OutOfOrderTimeWindow { get; init; }

    /// <summary>Upstream's default <c>storage.exemplars.max_exemplars</c>.</summary>
    public const long DefaultMaxExemplars = 100_000;

    /// <summary>
    /// How many exemplars to keep (<c>storage.exemplars.max_exemplars</c>); used only with
    /// <c>--enable-feature=exemplar-storage</c>, and applied again on reload.
    /// </summary>
    public long MaxExemplars { get; init; } = DefaultMaxExemplars;

    /// <summary>The file as written (for the status API, which shows it with secrets masked).</summary>
    public string Original { get; init; } = "";

    /// <summary>The path the config was loaded from.</summary>
    public string SourcePath { get; init; } = "";
}

/// <summary>The <c>global:</c> section: defaults for every scrape job and rule group.</summary>
public sealed record PromGlobalConfig
{
    /// <summary>How often targets are scraped by default (1m).</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a scrape may take by default (10s, never more than the interval).</summary>
    public TimeSpan ScrapeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often rule groups are evaluated by default (1m).</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How far in the past rule groups query by default (0).</summary>
    public TimeSpan RuleQueryOffset { get; init; }

    /// <summary>The exposition formats offered to targets, in order of preference.</summary>
    public IReadOnlyList<string> ScrapeProtocols { get; init; } = ScrapeProtocolNames.Default;

    /// <summary>
    /// Whether <c>scrape_protocols</c> was written in the global section: only then does it override a job's
    /// default, which otherwise depends on the job's <c>scrape_native_histograms</c>.
    /// </summary>
    public bool ScrapeProtocolsGiven { get; init; }

    /// <summary>The default of every job's <c>scrape_native_histograms</c> (false).</summary>
    public bool ScrapeNativeHistograms { get; init; }

    /// <summary>The default of every job's <c>always_scrape_classic_histograms</c> (false).</summary>
    public bool AlwaysScrapeClassicHistograms { get; init; }

    /// <summary>The default of every job's <c>convert_classic_histograms_to_nhcb</c> (false).</summary>
    public bool ConvertClassicHistogramsToNhcb { get; init; }

    /// <summary>Labels added to alerts and to series sent by remote write and federation.</summary>
    public IReadOnlyDictionary<string, string> ExternalLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where PromQL queries are logged ("" for nowhere).</summary>
    public string QueryLogFile { get; init; } = "";

    /// <summary>Default per-scrape limits (0: none).</summary>
    public ScrapeLimits Limits { get; init; } = new();

    /// <summary>The jobs' default <c>extra_scrape_metrics</c>; null when not set here.</summary>
    public bool? ExtraScrapeMetrics { get; init; }
}

/// <summary>Per-scrape limits; 0 means no limit.</summary>
public sealed record ScrapeLimits
{
    /// <summary>Most samples a scrape may return after metric relabelling.</summary>
    public long SampleLimit { get; init; }

    /// <summary>Most targets a job may have after relabelling.</summary>
    public long TargetLimit { get; init; }

    /// <summary>Most labels a sample may have.</summary>
    public long LabelLimit { get; init; }

    /// <summary>Longest label name.</summary>
    public long LabelNameLengthLimit { get; init; }

    /// <summary>Longest label value.</summary>
    public long LabelValueLengthLimit { get; init; }

    /// <summary>Largest uncompressed response body, in bytes.</summary>
    public long BodySizeLimit { get; init; }
}

/// <summary>The <c>alerting:</c> section.</summary>
public sealed record AlertingConfig
{
    /// <summary>Relabel rules applied to every alert before it is sent.</summary>
    public IReadOnlyList<Vigil.Model.Relabel.RelabelConfig> AlertRelabelConfigs { get; init; } = [];

    /// <summary>The Alertmanagers to send to.</summary>
    public IReadOnlyList<AlertmanagerTargetConfig> Alertmanagers { get; init; } = [];
}

/// <summary>One <c>alertmanagers:</c> entry: how to find and reach a set of Alertmanagers.</summary>
public sealed record AlertmanagerTargetConfig
{
    /// <summary>http or https.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary>Prefix of the API path (e.g. <c>/alertmanager</c>).</summary>
    public string PathPrefix { get; init; } = "";

    /// <summary>Timeout of one push (10s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The API version: only v2 (v1 was removed upstream).</summary>
    public string ApiVersion { get; init; } = "v2";

    /// <summary>Auth, TLS and proxy settings.</summary>
    public HttpClientSettings Http { get; init; } = new();

    /// <summary>Static and discovered Alertmanagers.</summary>
    public DiscoveryConfigs Discovery { get; init; } = new();

    /// <summary>Relabel rules applied to discovered Alertmanagers.</summary>
    public IReadOnlyList<Vigil.Model.Relabel.RelabelConfig> RelabelConfigs { get; init; } = [];

    /// <summary>Relabel rules applied to alerts sent to these Alertmanagers only.</summary>
    public IReadOnlyList<Vigil.Model.Relabel.RelabelConfig> AlertRelabelConfigs { get; init; } = [];
}

/// <summary>One <c>remote_write:</c> entry.</summary>
public sealed record RemoteWriteConfig
{
    /// <summary>The endpoint.</summary>
    public string Url { get; init; } = "";

    /// <summary>A name unique among remote writes ("" if not given).</summary>
    public string Name { get; init; } = "";

    /// <summary>Timeout of one request (30s).</summary>
    public TimeSpan RemoteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra headers sent with every request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Relabel rules applied to series before they are sent.</summary>
    public IReadOnlyList<Vigil.Model.Relabel.RelabelConfig> WriteRelabelConfigs { get; init; } = [];

    /// <summary>Auth, TLS and proxy settings.</summary>
    public HttpClientSettings Http { get; init; } = new();

    /// <summary>Sharding and retry settings.</summary>
    public QueueConfig Queue { get; init; } = new();

    /// <summary>Whether native histogram samples are sent (<c>send_native_histograms</c>, false as upstream).</summary>
    public bool SendNativeHistograms { get; init; }

    /// <summary>Whether metric metadata is sent (true), how often (1m) and how much per request (2000).</summary>
    public (bool Send, TimeSpan SendInterval, long MaxSamplesPerSend) Metadata { get; init; } = (true, TimeSpan.FromMinutes(1), 2000);
}

/// <summary>The <c>queue_config:</c> of a remote write, with upstream's defaults.</summary>
public sealed record QueueConfig
{
    /// <summary>Samples buffered per shard.</summary>
    public long Capacity { get; init; } = 10000;

    /// <summary>Most concurrent shards.</summary>
    public long MaxShards { get; init; } = 50;

    /// <summary>Fewest concurrent shards.</summary>
    public long MinShards { get; init; } = 1;

    /// <summary>Most samples per request.</summary>
    public long MaxSamplesPerSend { get; init; } = 2000;

    /// <summary>Longest a sample waits in a shard before a partial batch is sent.</summary>
    public TimeSpan BatchSendDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether HTTP 429 responses are retried.</summary>
    public bool RetryOnRateLimit { get; init; }

    /// <summary>Samples older than this are dropped instead of sent (0: never).</summary>
    public TimeSpan SampleAgeLimit { get; init; }
}

/// <summary>One <c>remote_read:</c> entry, with upstream's defaults.</summary>
public sealed record RemoteReadConfig
{
    /// <summary>The endpoint.</summary>
    public string Url { get; init; } = "";

    /// <summary>A name unique among remote reads.</summary>
    public string Name { get; init; } = "";

    /// <summary>Timeout of one request (1m).</summary>
    public TimeSpan RemoteTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether recent data (also held locally) is read remotely too.</summary>
    public bool ReadRecent { get; init; }

    /// <summary>Extra request headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Auth, TLS and proxy settings.</summary>
    public HttpClientSettings Http { get; init; } = new();

    /// <summary>Equality matchers a query must contain for this endpoint to be asked.</summary>
    public IReadOnlyDictionary<string, string> RequiredMatchers { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the external labels are added as matchers and removed from the answer (true).</summary>
    public bool FilterExternalLabels { get; init; } = true;

    /// <summary>Upstream's default <c>chunked_read_limit</c>: 50 MB.</summary>
    public const long DefaultChunkedReadLimit = 50_000_000;

    /// <summary>The largest frame of a streamed response accepted (<c>chunked_read_limit</c>; 0: no limit).</summary>
    public long ChunkedReadLimit { get; init; } = DefaultChunkedReadLimit;
}
