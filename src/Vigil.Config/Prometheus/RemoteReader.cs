using Vigil.Config.Loading;
using Vigil.Model;

namespace Vigil.Config.Prometheus;

/// <summary>Reads <c>remote_write:</c> and <c>remote_read:</c> entries with upstream's defaults and checks.</summary>
internal static class RemoteReader
{
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Host", "Content-Encoding", "Content-Length", "Content-Type", "User-Agent", "Connection", "Keep-Alive",
        "Proxy-Authenticate", "Proxy-Authorization", "Www-Authenticate", "X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version",
    };

    public static List<RemoteWriteConfig> ReadWrites(MapReader top)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<RemoteWriteConfig>();
        foreach (var w in top.MapList("remote_write", PrometheusKeys.RemoteWrite))
        {
            var name = UniqueName(w, names, "remote write");
            result.Add(new RemoteWriteConfig
            {
                Url = RequiredUrl(w, "remote_write"),
                Name = name,
                RemoteTimeout = w.Duration("remote_timeout") ?? TimeSpan.FromSeconds(30),
                Headers = Headers(w),
                WriteRelabelConfigs = RelabelReader.ReadAll(w, "write_relabel_configs"),
                Http = HttpClientReader.Read(w),
                Queue = ReadQueue(w.Map("queue_config", PrometheusKeys.Queue)),
                Metadata = ReadMetadata(w.Map("metadata_config", PrometheusKeys.Metadata)),
                SendNativeHistograms = w.Bool("send_native_histograms") ?? false,
            });
            foreach (var key in new[] { "send_exemplars", "round_robin_dns", "failed_request_logging" })
            {
                _ = w.Bool(key);
            }
        }
        return result;
    }

    public static List<RemoteReadConfig> ReadReads(MapReader top)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<RemoteReadConfig>();
        foreach (var r in top.MapList("remote_read", PrometheusKeys.RemoteRead))
        {
            result.Add(new RemoteReadConfig
            {
                Url = RequiredUrl(r, "remote_read"),
                Name = UniqueName(r, names, "remote read"),
                RemoteTimeout = r.Duration("remote_timeout") ?? TimeSpan.FromMinutes(1),
                ReadRecent = r.Bool("read_recent") ?? false,
                Headers = Headers(r),
                Http = HttpClientReader.Read(r),
                RequiredMatchers = DiscoveryReader.Labels(r, "required_matchers"),
                FilterExternalLabels = r.Bool("filter_external_labels") ?? true,
                ChunkedReadLimit = PromValues.NonNegative(r, "chunked_read_limit") ?? RemoteReadConfig.DefaultChunkedReadLimit,
            });
        }
        return result;
    }

    private static string UniqueName(MapReader m, HashSet<string> names, string what)
    {
        var name = m.String("name") ?? "";
        if (name.Length > 0 && !names.Add(name))
        {
            m.Context.Error(m.Value("name")!, m.PathOf("name"), $"found multiple {what} configs with job name {GoString.Quote(name)}", "names must be unique");
        }
        return name;
    }

    private static string RequiredUrl(MapReader m, string section)
    {
        if (!m.Has("url"))
        {
            m.Context.Error(m.Node, m.PathOf("url"), $"url for {section.Replace('_', ' ')} is empty", "set url: to the endpoint, e.g. https://remote.example/api/v1/write");
            return "";
        }
        return m.Url("url") ?? "";
    }

    private static IReadOnlyDictionary<string, string> Headers(MapReader m)
    {
        var headers = m.StringMap("headers") ?? new Dictionary<string, string>();
        foreach (var h in headers.Keys)
        {
            if (h.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                m.Context.Error(m.Value("headers")!, $"{m.PathOf("headers")}.{h}", "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter");
            }
            else if (ReservedHeaders.Contains(h))
            {
                m.Context.Error(m.Value("headers")!, $"{m.PathOf("headers")}.{h}", $"{h} is a reserved header. It must not be changed");
            }
        }
        return headers;
    }

    private static QueueConfig ReadQueue(MapReader? q)
    {
        var d = new QueueConfig();
        if (q is null)
        {
            return d;
        }
        var config = new QueueConfig
        {
            Capacity = q.Int("capacity") ?? d.Capacity,
            MaxShards = q.Int("max_shards") ?? d.MaxShards,
            MinShards = q.Int("min_shards") ?? d.MinShards,
            MaxSamplesPerSend = q.Int("max_samples_per_send") ?? d.MaxSamplesPerSend,
            BatchSendDeadline = q.Duration("batch_send_deadline") ?? d.BatchSendDeadline,
            MinBackoff = q.Duration("min_backoff") ?? d.MinBackoff,
            MaxBackoff = q.Duration("max_backoff") ?? d.MaxBackoff,
            RetryOnRateLimit = q.Bool("retry_on_http_429") ?? false,
            SampleAgeLimit = q.Duration("sample_age_limit") ?? TimeSpan.Zero,
        };
        Check(q, config.MaxShards <= 0, "max_shards", "remote write queue max_shards must be positive");
        Check(q, config.MinShards <= 0, "min_shards", "remote write queue min_shards must be positive");
        Check(q, config.MinShards > config.MaxShards, "min_shards", "remote write queue min_shards must not be greater than max_shards");
        Check(q, config.MaxSamplesPerSend <= 0, "max_samples_per_send", "remote write queue max_samples_per_send must be positive");
        Check(q, config.Capacity <= 0, "capacity", "remote write queue capacity must be positive");
        Check(q, config.MaxBackoff < config.MinBackoff, "max_backoff", "remote write queue max_backoff must not be less than min_backoff");
        return config;
    }

    private static (bool, TimeSpan, long) ReadMetadata(MapReader? m) =>
        m is null
            ? (true, TimeSpan.FromMinutes(1), 2000)
            : (m.Bool("send") ?? true, m.Duration("send_interval") ?? TimeSpan.FromMinutes(1), m.Int("max_samples_per_send") ?? 2000);

    private static void Check(MapReader m, bool bad, string key, string message)
    {
        if (bad)
        {
            m.Context.Error(m.Value(key) ?? m.Node, m.PathOf(key), message);
        }
    }
}
