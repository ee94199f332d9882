using Vigil.Model.Relabel;

namespace Vigil.Config.Prometheus;

/// <summary>One <c>scrape_configs:</c> entry, with global defaults applied.</summary>
public sealed record ScrapeConfig
{
    /// <summary>The job name (the <c>job</c> label), unique in the file.</summary>
    public required string JobName { get; init; }

    /// <summary>How often the job's targets are scraped.</summary>
    public TimeSpan ScrapeInterval { get; init; }

    /// <summary>How long a scrape may take (never more than the interval).</summary>
    public TimeSpan ScrapeTimeout { get; init; }

    /// <summary>The exposition formats offered, in order of preference.</summary>
    public IReadOnlyList<string> ScrapeProtocols { get; init; } = ScrapeProtocolNames.Default;

    /// <summary>The protocol assumed when a target's Content-Type is missing or unknown ("" for none: the scrape fails).</summary>
    public string FallbackScrapeProtocol { get; init; } = "";

    /// <summary>
    /// Whether native histograms are ingested (<c>scrape_native_histograms</c>, default false as upstream; it also
    /// puts PrometheusProto first in the default <c>scrape_protocols</c>).
    /// </summary>
    public bool ScrapeNativeHistograms { get; init; }

    /// <summary>Whether a histogram exposed both as native and classic also yields its classic series (<c>always_scrape_classic_histograms</c>).</summary>
    public bool AlwaysScrapeClassicHistograms { get; init; }

    /// <summary>Whether classic histograms become native histograms with custom buckets (<c>convert_classic_histograms_to_nhcb</c>).</summary>
    public bool ConvertClassicHistogramsToNhcb { get; init; }

    /// <summary>
    /// At most this many buckets per native histogram (<c>native_histogram_bucket_limit</c>, 0: no limit): a histogram
    /// with more is reduced in resolution until it fits, or fails the scrape when it cannot be.
    /// </summary>
    public long NativeHistogramBucketLimit { get; init; }

    /// <summary>
    /// The least growth factor from one bucket to the next (<c>native_histogram_min_bucket_factor</c>, 0: none):
    /// finer schemas are reduced to the finest one whose factor is at least this.
    /// </summary>
    public double NativeHistogramMinBucketFactor { get; init; }

    /// <summary>The URL path scraped (default <c>/metrics</c>).</summary>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>http or https.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary>URL query parameters; a name may repeat.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Params { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Whether labels from the target win over the target's own labels on conflict.</summary>
    public bool HonorLabels { get; init; }

    /// <summary>Whether timestamps exposed by the target are kept (default true).</summary>
    public bool HonorTimestamps { get; init; } = true;

    /// <summary>Whether gzip is requested (default true).</summary>
    public bool EnableCompression { get; init; } = true;

    /// <summary>Per-scrape limits.</summary>
    public ScrapeLimits Limits { get; init; } = new();

    /// <summary>
    /// <c>extra_scrape_metrics</c>: whether each target also gets <c>scrape_timeout_seconds</c>,
    /// <c>scrape_sample_limit</c> and <c>scrape_body_size_bytes</c>. Null when neither the job nor the global
    /// section sets it, so the server's default (<c>--enable-feature=extra-scrape-metrics</c>) decides.
    /// </summary>
    public bool? ExtraScrapeMetrics { get; init; }

    /// <summary>Auth, TLS and proxy settings.</summary>
    public HttpClientSettings Http { get; init; } = new();

    /// <summary>Where targets come from.</summary>
    public DiscoveryConfigs Discovery { get; init; } = new();

    /// <summary>Relabel rules applied to targets before scraping.</summary>
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];

    /// <summary>Relabel rules applied to scraped samples before storage.</summary>
    public IReadOnlyList<RelabelConfig> MetricRelabelConfigs { get; init; } = [];
}

/// <summary>The exposition protocol names of <c>scrape_protocols</c>.</summary>
public static class ScrapeProtocolNames
{
    /// <summary>The protobuf exposition format (the only one carrying native histograms).</summary>
    public const string PrometheusProto = "PrometheusProto";

    /// <summary>Every protocol upstream accepts.</summary>
    public static readonly IReadOnlyList<string> All =
        ["PrometheusProto", "OpenMetricsText0.0.1", "OpenMetricsText1.0.0", "PrometheusText0.0.4", "PrometheusText1.0.0"];

    /// <summary>Upstream's default preference.</summary>
    public static readonly IReadOnlyList<string> Default =
        ["OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];

    /// <summary>Upstream's default for jobs that scrape native histograms: the protobuf format first.</summary>
    public static readonly IReadOnlyList<string> ProtoFirst =
        ["PrometheusProto", "OpenMetricsText1.0.0", "OpenMetricsText0.0.1", "PrometheusText1.0.0", "PrometheusText0.0.4"];
}

/// <summary>Prometheus's common HTTP client settings (written inline in a scrape, alertmanager or remote entry).</summary>
public sealed record HttpClientSettings
{
    /// <summary>Basic auth user name ("" when not used).</summary>
    public string BasicAuthUsername { get; init; } = "";

    /// <summary>Basic auth password, or null.</summary>
    public Secret? BasicAuthPassword { get; init; }

    /// <summary>A file holding the basic auth password.</summary>
    public string BasicAuthPasswordFile { get; init; } = "";

    /// <summary>A file holding the basic auth user name (read on every request, like the password file).</summary>
    public string BasicAuthUsernameFile { get; init; } = "";

    /// <summary>The Authorization header's type (Bearer unless given) when credentials are set.</summary>
    public string AuthorizationType { get; init; } = "";

    /// <summary>The Authorization credentials, or null.</summary>
    public Secret? AuthorizationCredentials { get; init; }

    /// <summary>A file holding the Authorization credentials.</summary>
    public string AuthorizationCredentialsFile { get; init; } = "";

    /// <summary>CA bundle file for TLS.</summary>
    public string TlsCaFile { get; init; } = "";

    /// <summary>CA bundle written inline (PEM), or "".</summary>
    public string TlsCa { get; init; } = "";

    /// <summary>Client certificate written inline (PEM), or "".</summary>
    public string TlsCert { get; init; } = "";

    /// <summary>Client key written inline (PEM), or null.</summary>
    public Secret? TlsKey { get; init; }

    /// <summary>Lowest TLS version accepted (TLS10..TLS13; "" means upstream's default, TLS 1.2).</summary>
    public string TlsMinVersion { get; init; } = "";

    /// <summary>Highest TLS version offered ("" for no limit).</summary>
    public string TlsMaxVersion { get; init; } = "";

    /// <summary>Client certificate file for TLS.</summary>
    public string TlsCertFile { get; init; } = "";

    /// <summary>Client key file for TLS.</summary>
    public string TlsKeyFile { get; init; } = "";

    /// <summary>Server name checked in the TLS certificate.</summary>
    public string TlsServerName { get; init; } = "";

    /// <summary>Whether the server certificate is not verified.</summary>
    public bool TlsInsecureSkipVerify { get; init; }

    /// <summary>HTTP proxy URL ("" for none).</summary>
    public string ProxyUrl { get; init; } = "";

    /// <summary>Comma-separated hosts, domains, IPs and CIDR ranges that bypass <see cref="ProxyUrl"/>.</summary>
    public string NoProxy { get; init; } = "";

    /// <summary>Whether the proxy comes from HTTP_PROXY, HTTPS_PROXY and NO_PROXY.</summary>
    public bool ProxyFromEnvironment { get; init; }

    /// <summary>Headers sent to the proxy on CONNECT (https targets through a proxy), each value a secret.</summary>
    public IReadOnlyList<ProxyConnectHeader> ProxyConnectHeaders { get; init; } = [];

    /// <summary>OAuth 2.0 client credentials, or null.</summary>
    public OAuth2Settings? OAuth2 { get; init; }

    /// <summary>Extra request headers (<c>http_headers</c>).</summary>
    public IReadOnlyList<HttpHeaderSetting> Headers { get; init; } = [];

    /// <summary>Whether redirects are followed (default true).</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>Whether HTTP/2 is allowed (default true).</summary>
    public bool EnableHttp2 { get; init; } = true;
}

/// <summary>One <c>proxy_connect_header</c> entry: a header name and its values, sent on each CONNECT.</summary>
public sealed record ProxyConnectHeader(string Name, IReadOnlyList<Secret> Values);

/// <summary>One <c>http_headers</c> entry: every value, secret and file content is sent as a value of the header.</summary>
/// <param name="Name">The header name.</param>
/// <param name="Values">Plain values.</param>
/// <param name="Secrets">Secret values (never shown).</param>
/// <param name="Files">Files whose trimmed content is sent, read on every request.</param>
public sealed record HttpHeaderSetting(string Name, IReadOnlyList<string> Values, IReadOnlyList<Secret> Secrets, IReadOnlyList<string> Files);

/// <summary>The <c>oauth2:</c> block: a token fetched from <see cref="TokenUrl"/> with the client credentials grant.</summary>
public sealed record OAuth2Settings
{
    /// <summary>The client id.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>The client secret, or null.</summary>
    public Secret? ClientSecret { get; init; }

    /// <summary>A file holding the client secret (read when a token is fetched).</summary>
    public string ClientSecretFile { get; init; } = "";

    /// <summary>Scopes requested, joined with spaces.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The token endpoint.</summary>
    public string TokenUrl { get; init; } = "";

    /// <summary>Extra form fields sent to the token endpoint.</summary>
    public IReadOnlyDictionary<string, string> EndpointParams { get; init; } = new Dictionary<string, string>();

    /// <summary>TLS and proxy settings for the token request (auth fields unused).</summary>
    public HttpClientSettings Http { get; init; } = new();
}

/// <summary>Where a job's targets (or an alerting entry's Alertmanagers) come from.</summary>
public sealed record DiscoveryConfigs
{
    /// <summary>Target groups written in the config.</summary>
    public IReadOnlyList<StaticTargetGroup> Static { get; init; } = [];

    /// <summary>Files of target groups, re-read when they change.</summary>
    public IReadOnlyList<FileSdConfig> Files { get; init; } = [];

    /// <summary>Kubernetes API discovery.</summary>
    public IReadOnlyList<KubernetesSdConfig> Kubernetes { get; init; } = [];
}

/// <summary>A target group: addresses (host:port) sharing labels.</summary>
public sealed record StaticTargetGroup(IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string> Labels);

/// <summary>One <c>file_sd_configs:</c> entry.</summary>
public sealed record FileSdConfig(IReadOnlyList<string> Files, TimeSpan RefreshInterval);

/// <summary>One <c>kubernetes_sd_configs:</c> entry.</summary>
public sealed record KubernetesSdConfig
{
    /// <summary>node, pod, service, endpoints, endpointslice or ingress.</summary>
    public required string Role { get; init; }

    /// <summary>The API server URL; "" means in-cluster (or the kubeconfig's).</summary>
    public string ApiServer { get; init; } = "";

    /// <summary>A kubeconfig file to read the server and credentials from.</summary>
    public string KubeconfigFile { get; init; } = "";

    /// <summary>Namespaces to watch; empty means all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Whether the pod's own namespace is watched.</summary>
    public bool OwnNamespace { get; init; }

    /// <summary>Label and field selectors per role.</summary>
    public IReadOnlyList<(string Role, string Label, string Field)> Selectors { get; init; } = [];

    /// <summary>Whether targets get the labels of their node (<c>attach_metadata.node</c>).</summary>
    public bool AttachNodeMetadata { get; init; }

    /// <summary>Whether targets get the labels of their namespace (<c>attach_metadata.namespace</c>).</summary>
    public bool AttachNamespaceMetadata { get; init; }

    /// <summary>Auth and TLS for the API server.</summary>
    public HttpClientSettings Http { get; init; } = new();
}
