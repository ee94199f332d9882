using Vigil.Config.Loading;

namespace Vigil.Config.Prometheus;

/// <summary>The keys each mapping of prometheus.yml accepts, as upstream documents them today.</summary>
internal static class PrometheusKeys
{
    /// <summary>Keys of Prometheus's common HTTP client config, written inline in scrape, alertmanager, remote and SD entries.</summary>
    private static readonly string[] HttpClient =
    [
        "basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file", "tls_config", "proxy_url",
        "no_proxy", "proxy_from_environment", "proxy_connect_header", "follow_redirects", "enable_http2", "http_headers",
    ];

    public static readonly KeySection Top = new("prometheus.yml", "at the top level of prometheus.yml",
        "global", "runtime", "alerting", "rule_files", "scrape_config_files", "scrape_configs", "storage", "tracing",
        "remote_write", "remote_read", "otlp");

    public static readonly KeySection Global = new("global", "under global:",
        "scrape_interval", "scrape_timeout", "scrape_protocols", "evaluation_interval", "rule_query_offset",
        "query_log_file", "scrape_failure_log_file", "external_labels", "body_size_limit", "sample_limit", "target_limit",
        "label_limit", "label_name_length_limit", "label_value_length_limit", "keep_dropped_targets",
        "metric_name_validation_scheme", "metric_name_escaping_scheme", "scrape_native_histograms",
        "convert_classic_histograms_to_nhcb", "always_scrape_classic_histograms", "extra_scrape_metrics");

    /// <summary>Service discovery kinds Vigil does not implement: accepted so existing configs load, with a warning.</summary>
    public static readonly string[] OtherDiscovery =
    [
        "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs", "docker_sd_configs", "dockerswarm_sd_configs",
        "dns_sd_configs", "ec2_sd_configs", "eureka_sd_configs", "gce_sd_configs", "hetzner_sd_configs", "http_sd_configs",
        "ionos_sd_configs", "kuma_sd_configs", "lightsail_sd_configs", "linode_sd_configs", "marathon_sd_configs",
        "nerve_sd_configs", "nomad_sd_configs", "openstack_sd_configs", "ovhcloud_sd_configs", "puppetdb_sd_configs",
        "scaleway_sd_configs", "serverset_sd_configs", "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs",
        "stackit_sd_configs",
    ];

    private static readonly string[] Discovery = ["static_configs", "file_sd_configs", "kubernetes_sd_configs", .. OtherDiscovery];

    public static readonly KeySection Scrape = new("a scrape_configs entry", "inside a scrape_configs: entry",
        [
            "job_name", "honor_labels", "honor_timestamps", "track_timestamps_staleness", "params", "scrape_interval",
            "scrape_timeout", "scrape_protocols", "fallback_scrape_protocol", "scrape_native_histograms",
            "always_scrape_classic_histograms", "convert_classic_histograms_to_nhcb", "scrape_failure_log_file",
            "metrics_path", "scheme", "enable_compression", "body_size_limit", "sample_limit", "target_limit",
            "label_limit", "label_name_length_limit", "label_value_length_limit", "native_histogram_bucket_limit",
            "native_histogram_min_bucket_factor", "keep_dropped_targets", "metric_name_validation_scheme",
            "metric_name_escaping_scheme", "extra_scrape_metrics", "relabel_configs", "metric_relabel_configs",
            .. HttpClient, .. Discovery,
        ]);

    public static readonly KeySection StaticConfig = new("a static_configs entry", "inside a static_configs: entry", "targets", "labels");

    public static readonly KeySection FileSd = new("a file_sd_configs entry", "inside a file_sd_configs: entry", "files", "refresh_interval");

    public static readonly KeySection Kubernetes = new("a kubernetes_sd_configs entry", "inside a kubernetes_sd_configs: entry",
        ["role", "api_server", "kubeconfig_file", "namespaces", "selectors", "attach_metadata", .. HttpClient]);

    public static readonly KeySection KubernetesNamespaces = new("namespaces", "under namespaces:", "own_namespace", "names");

    public static readonly KeySection KubernetesSelector = new("a selectors entry", "inside a selectors: entry", "role", "label", "field");

    public static readonly KeySection KubernetesMetadata = new("attach_metadata", "under attach_metadata:", "node", "namespace", "deployment", "job", "cronjob");

    /// <summary>An SD kind Vigil does not implement: its content is not checked.</summary>
    public static readonly KeySection Unchecked = KeySection.AnyKeys;

    public static readonly KeySection Relabel = new("a relabel rule", "inside a relabel rule",
        "source_labels", "separator", "regex", "modulus", "target_label", "replacement", "action");

    public static readonly KeySection BasicAuth = new("basic_auth", "under basic_auth:",
        "username", "username_file", "username_ref", "password", "password_file", "password_ref");

    public static readonly KeySection Authorization = new("authorization", "under authorization:",
        "type", "credentials", "credentials_file", "credentials_ref");

    public static readonly KeySection OAuth2 = new("oauth2", "under oauth2:",
        "client_id", "client_secret", "client_secret_file", "client_secret_ref", "client_certificate_key_id",
        "client_certificate_key", "client_certificate_key_file", "client_certificate_key_ref", "grant_type",
        "signature_algorithm", "iss", "audience", "claims", "scopes", "token_url", "endpoint_params", "tls_config",
        "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header");

    public static readonly KeySection HttpHeader = new("an http_headers entry", "under an http_headers: header name", "values", "secrets", "files");

    public static readonly KeySection Tls = new("tls_config", "under tls_config:",
        "ca", "ca_file", "ca_ref", "cert", "cert_file", "cert_ref", "key", "key_file", "key_ref", "server_name",
        "insecure_skip_verify", "min_version", "max_version");

    public static readonly KeySection Alerting = new("alerting", "under alerting:", "alertmanagers", "alert_relabel_configs");

    public static readonly KeySection Alertmanager = new("an alertmanagers entry", "inside an alerting: alertmanagers: entry",
        ["scheme", "path_prefix", "timeout", "api_version", "relabel_configs", "alert_relabel_configs", "sigv4", .. HttpClient, .. Discovery]);

    public static readonly KeySection RemoteWrite = new("a remote_write entry", "inside a remote_write: entry",
        ["url", "remote_timeout", "headers", "write_relabel_configs", "name", "send_exemplars", "send_native_histograms",
         "round_robin_dns", "protobuf_message", "failed_request_logging", "queue_config", "metadata_config", "sigv4",
         "azuread", "google_iam", .. HttpClient]);

    public static readonly KeySection Queue = new("queue_config", "under queue_config:",
        "capacity", "max_shards", "min_shards", "max_samples_per_send", "batch_send_deadline", "min_backoff",
        "max_backoff", "retry_on_http_429", "sample_age_limit");

    public static readonly KeySection Metadata = new("metadata_config", "under metadata_config:", "send", "send_interval", "max_samples_per_send");

    public static readonly KeySection RemoteRead = new("a remote_read entry", "inside a remote_read: entry",
        ["url", "remote_timeout", "chunked_read_limit", "headers", "read_recent", "name", "required_matchers",
         "filter_external_labels", .. HttpClient]);

    public static readonly KeySection Storage = new("storage", "under storage:", "tsdb", "exemplars");

    public static readonly KeySection Tsdb = new("storage.tsdb", "under storage: tsdb:",
        "out_of_order_time_window", "stale_series_compaction_threshold", "chunk_encoding", "retention");

    public static readonly KeySection Exemplars = new("storage.exemplars", "under storage: exemplars:", "max_exemplars");

    /// <summary>The sections a misplaced key is searched in, to say where it belongs.</summary>
    public static readonly KeySection[] All =
    [
        Global, Scrape, StaticConfig, FileSd, Kubernetes, Relabel, BasicAuth, Authorization, Tls, Alerting,
        Alertmanager, RemoteWrite, Queue, Metadata, RemoteRead, Storage, Tsdb,
    ];
}
