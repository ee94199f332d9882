using Vigil.Cli;

namespace Vigil.AlertmanagerHost;

/// <summary>The flags of <c>vigil alertmanager</c>: Alertmanager's names and defaults.</summary>
public static class AlertmanagerFlags
{
    /// <summary>Every flag, in help order.</summary>
    public static IReadOnlyList<FlagSpec> All { get; } =
    [
        FlagSpec.Str("config.file", "Alertmanager configuration file name.", "alertmanager.yml"),
        FlagSpec.Str("storage.path", "Base path for data storage.", "data/"),
        FlagSpec.Dur("data.retention", "How long to keep data for.", "120h"),
        FlagSpec.Dur("data.maintenance-interval", "Interval between garbage collection and snapshotting to disk of the silences and the notification logs.", "15m"),
        FlagSpec.Integer("silences.max-silences", "Maximum number of silences, including expired silences. If negative or zero, no limit is set.", "0"),
        FlagSpec.Integer("silences.max-silence-size-bytes", "Maximum silence size in bytes. If negative or zero, no limit is set.", "0"),
        FlagSpec.Switch("log.silences", "Enable logging silences."),
        FlagSpec.Dur("alerts.gc-interval", "Interval between alert GC.", "30m"),
        FlagSpec.Integer("alerts.per-alertname-limit", "Maximum number of alerts per alertname. If negative or zero, no limit is set.", "0"),
        FlagSpec.Dur("dispatch.maintenance-interval", "Interval between maintenance of aggregation groups in the dispatcher.", "30s"),
        FlagSpec.Dur("dispatch.start-delay", "Minimum amount of time to wait before dispatching alerts.", "0s"),
        FlagSpec.Str("web.external-url", "The URL under which Alertmanager is externally reachable (for example, if Alertmanager is served via a reverse proxy). If the URL has a path portion, it will be used to prefix all HTTP endpoints. If omitted, it is derived from the hostname and listen port."),
        FlagSpec.Str("web.route-prefix", "Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url."),
        FlagSpec.Many("web.listen-address", "Addresses on which to expose metrics and web interface. Repeatable for multiple addresses.") with { Default = ":9093" },
        FlagSpec.Str("web.config.file", "Path to configuration file that can enable TLS or authentication (not supported yet: vigil refuses to start rather than serve without it)."),
        FlagSpec.Switch("web.systemd-socket", "Use systemd socket activation listeners instead of port listeners (Linux only; not supported yet)."),
        FlagSpec.Integer("web.get-concurrency", "Maximum number of GET requests processed concurrently. If negative or zero, no limit is set.", "0"),
        FlagSpec.Dur("web.timeout", "Timeout for HTTP requests. If negative or zero, no timeout is set.", "0s"),
        FlagSpec.Str("cluster.listen-address", "Listen address for cluster. Set to empty string to disable HA mode. (Clustering is not supported by vigil yet.)", "0.0.0.0:9094"),
        FlagSpec.Str("cluster.advertise-address", "Explicit address to advertise in cluster."),
        FlagSpec.Str("cluster.peer-name", "Explicit name of the peer, rather than generating a random one.", ""),
        FlagSpec.Many("cluster.peer", "Initial peers (may be repeated)."),
        FlagSpec.Dur("cluster.peer-timeout", "Time to wait between peers to send notifications.", "15s"),
        FlagSpec.Dur("cluster.peers-resolve-timeout", "Time to resolve peers.", "15s"),
        FlagSpec.Dur("cluster.gossip-interval", "Interval between sending gossip messages.", "200ms"),
        FlagSpec.Dur("cluster.pushpull-interval", "Interval for gossip state syncs.", "1m0s"),
        FlagSpec.Dur("cluster.tcp-timeout", "Timeout for establishing a stream connection with a remote node for a full state sync.", "10s"),
        FlagSpec.Dur("cluster.probe-timeout", "Timeout to wait for an ack from a probed node before assuming it is unhealthy.", "500ms"),
        FlagSpec.Dur("cluster.probe-interval", "Interval between random node probes.", "1s"),
        FlagSpec.Dur("cluster.settle-timeout", "Maximum time to wait for cluster connections to settle before evaluating notifications.", "1m0s"),
        FlagSpec.Dur("cluster.reconnect-interval", "Interval between attempting to reconnect to lost peers.", "10s"),
        FlagSpec.Dur("cluster.reconnect-timeout", "Length of time to attempt to reconnect to a lost peer.", "6h0m0s"),
        FlagSpec.Str("cluster.tls-config", "[EXPERIMENTAL] Path to config yaml file that can enable mutual TLS within the gossip protocol.", ""),
        FlagSpec.Switch("cluster.allow-insecure-public-advertise-address-discovery", "[EXPERIMENTAL] Allow alertmanager to discover and listen on a public IP address."),
        FlagSpec.Str("cluster.label", "The cluster label is an optional string to include on each packet and stream.", ""),
        FlagSpec.Str("enable-feature", "Comma-separated experimental features to enable.", ""),
        new FlagSpec("auto-gomemlimit.ratio", "Accepted for compatibility; the .NET runtime manages memory limits itself.", FlagKind.Float, "0.9"),
        FlagSpec.Str("log.level", "Only log messages with the given severity or above. One of: [debug, info, warn, error]", "info"),
        FlagSpec.Str("log.format", "Output format of log messages. One of: [logfmt, json]", "logfmt"),
    ];
}
