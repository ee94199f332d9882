using Vigil.Cli;

namespace Vigil.PrometheusHost;

/// <summary>The flags of <c>vigil prometheus</c>: Prometheus's names and defaults.</summary>
public static class PrometheusFlags
{
    /// <summary>Every flag, in help order.</summary>
    public static IReadOnlyList<FlagSpec> All { get; } =
    [
        FlagSpec.Str("config.file", "Prometheus configuration file path.", "prometheus.yml"),
        FlagSpec.Many("web.listen-address", "Address to listen on for UI, API, and telemetry. Repeatable.") with { Default = "0.0.0.0:9090" },
        FlagSpec.Str("web.config.file", "[EXPERIMENTAL] Path to configuration file that can enable TLS or authentication (not supported yet: vigil refuses to start rather than serve without it)."),
        FlagSpec.Dur("web.read-timeout", "Maximum duration before timing out read of the request, and closing idle connections.", "5m"),
        FlagSpec.Integer("web.max-connections", "Maximum number of simultaneous connections.", "512"),
        FlagSpec.Str("web.external-url", "The URL under which Prometheus is externally reachable (for example, if Prometheus is served via a reverse proxy). Used for generating relative and absolute links back to Prometheus itself. If the URL has a path portion, it will be used to prefix all HTTP endpoints served by Prometheus. If omitted, relevant URL components will be derived automatically."),
        FlagSpec.Str("web.route-prefix", "Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url."),
        FlagSpec.Str("web.user-assets", "Path to static asset directory, available at /user (not served by vigil yet)."),
        FlagSpec.Switch("web.enable-lifecycle", "Enable shutdown and reload via HTTP request."),
        FlagSpec.Switch("web.enable-admin-api", "Enable API endpoints for admin control actions (/api/v1/admin/tsdb/delete_series, clean_tombstones, snapshot)."),
        FlagSpec.Switch("web.enable-remote-write-receiver", "Enable API endpoint accepting remote write requests."),
        FlagSpec.Str("web.console.templates", "Path to the console template directory, available at /consoles.", "consoles"),
        FlagSpec.Str("web.console.libraries", "Path to the console library directory.", "console_libraries"),
        FlagSpec.Str("web.page-title", "Document title of Prometheus instance.", "Prometheus Time Series Collection and Processing Server"),
        FlagSpec.Str("web.cors.origin", "Regex for CORS origin. It is fully anchored. Example: 'https?://(domain1|domain2)\\.com'", ".*"),
        FlagSpec.Str("storage.tsdb.path", "Base path for metrics storage.", "data/"),
        FlagSpec.Str("storage.tsdb.retention.time", "How long to retain samples in storage. When this flag is set it overrides \"storage.tsdb.retention\". If neither this flag nor \"storage.tsdb.retention\" nor \"storage.tsdb.retention.size\" is set, the retention time defaults to 15d. Units Supported: y, w, d, h, m, s, ms."),
        FlagSpec.Str("storage.tsdb.retention.size", "Maximum number of bytes that can be stored for blocks. A unit is required, supported units: B, KB, MB, GB, TB, PB, EB. Ex: \"512MB\". Based on powers-of-2, so 1KB is 1024B."),
        FlagSpec.Str("storage.tsdb.retention", "[DEPRECATED] How long to retain samples in storage. This flag has been deprecated, use \"storage.tsdb.retention.time\" instead.") with { Hidden = true },
        FlagSpec.Switch("storage.tsdb.no-lockfile", "Do not create lockfile in data directory."),
        FlagSpec.Switch("storage.tsdb.allow-overlapping-blocks", "[DEPRECATED] This flag has no effect. Overlapping blocks are enabled by default now."),
        FlagSpec.Switch("storage.tsdb.wal-compression", "Compress the tsdb WAL.", def: true),
        FlagSpec.Integer("storage.tsdb.head-chunks-write-queue-size", "Size of the queue through which head chunks are written to the disk to be m-mapped, 0 disables the queue completely. Experimental.", "0"),
        FlagSpec.Dur("storage.remote.flush-deadline", "How long to wait flushing sample on shutdown or config reload.", "1m"),
        FlagSpec.Integer("storage.remote.read-sample-limit", "Maximum overall number of samples to return via the remote read interface, in a single query. 0 means no limit.", "50000000"),
        FlagSpec.Integer("storage.remote.read-concurrent-limit", "Maximum number of concurrent remote read calls. 0 means no limit.", "10"),
        FlagSpec.Integer("storage.remote.read-max-bytes-in-frame", "Maximum number of bytes in a single frame for streaming remote read response types before marshalling.", "1048576"),
        FlagSpec.Dur("rules.alert.for-outage-tolerance", "Max time to tolerate prometheus outage for restoring \"for\" state of alert.", "1h"),
        FlagSpec.Dur("rules.alert.for-grace-period", "Minimum duration between alert and restored \"for\" state. This is maintained only for alerts with configured \"for\" time greater than grace period.", "10m"),
        FlagSpec.Integer("rules.max-concurrent-evals", "With --enable-feature=concurrent-rule-eval: how many rules, over all groups, may be evaluated at the same time besides each group's own loop.", "4"),
        FlagSpec.Dur("rules.alert.resend-delay", "Minimum amount of time to wait before resending an alert to Alertmanager.", "1m"),
        FlagSpec.Integer("alertmanager.notification-queue-capacity", "The capacity of the queue for pending Alertmanager notifications.", "10000"),
        FlagSpec.Str("query.lookback-delta", "The maximum lookback duration for retrieving metrics during expression evaluations and federation.", "5m"),
        FlagSpec.Str("query.timeout", "Maximum time a query may take before being aborted.", "2m"),
        FlagSpec.Integer("query.max-concurrency", "Maximum number of queries executed concurrently.", "20"),
        FlagSpec.Integer("query.max-samples", "Maximum number of samples a single query can load into memory. Note that queries will fail if they try to load more samples than this into memory, so this also limits the number of samples a query can return.", "50000000"),
        FlagSpec.Switch("query.warm-up", "Vigil only: after start, run sample queries over a small data set of its own in the background, so the first user queries run optimised code. --no-query.warm-up turns it off.", def: true) with { Hidden = true },
        FlagSpec.Many("enable-feature", "Comma separated feature names to enable."),
        FlagSpec.Str("log.level", "Only log messages with the given severity or above. One of: [debug, info, warn, error]", "info"),
        FlagSpec.Str("log.format", "Output format of log messages. One of: [logfmt, json]", "logfmt"),
    ];
}
