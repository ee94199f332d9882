using Microsoft.Extensions.Logging;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Cli;
using Vigil.Model.Time;
using Vigil.Rules.Evaluation;

namespace Vigil.PrometheusHost;

/// <summary>The validated settings of <c>vigil prometheus</c>.</summary>
public sealed record PrometheusSettings
{
    /// <summary>The retention when no retention flag is given.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(15);

    public required string ConfigFile { get; init; }

    /// <summary>Whether <c>--config.file</c> was given; if not, a missing default file means an empty config.</summary>
    public bool ConfigFileExplicit { get; init; }
    public required string StoragePath { get; init; }
    public required IReadOnlyList<ListenAddress> ListenAddresses { get; init; }
    public string ExternalUrl { get; init; } = "";
    public string RoutePrefix { get; init; } = "";
    public string WebConfigFile { get; init; } = "";
    public bool LifecycleEnabled { get; init; }
    public bool RemoteWriteReceiver { get; init; }

    /// <summary><c>--web.enable-admin-api</c>: whether <c>/api/v1/admin/tsdb/*</c> may change the database.</summary>
    public bool AdminApiEnabled { get; init; }
    public TimeSpan RetentionTime { get; init; } = DefaultRetention;
    public long RetentionSizeBytes { get; init; }
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);
    public int MaxConcurrency { get; init; } = 20;
    public int MaxSamples { get; init; } = 50_000_000;

    /// <summary>Whether the query engine is warmed up in the background after start (hidden <c>--query.warm-up</c>).</summary>
    public bool QueryWarmUp { get; init; } = true;
    public int NotificationQueueCapacity { get; init; } = 10_000;
    public AlertFlags AlertFlags { get; init; } = new();

    /// <summary><c>--config.auto-reload</c> or <c>--enable-feature=auto-reload-config</c>: reload when the files change.</summary>
    public bool AutoReload { get; init; }

    /// <summary><c>--config.auto-reload-interval</c>, raised to at least one second as upstream does.</summary>
    public TimeSpan AutoReloadInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>--rules.max-concurrent-evals</c>: the server-wide bound on rules evaluated at once (with <c>concurrent-rule-eval</c>).</summary>
    public long RulesMaxConcurrentEvals { get; init; } = 4;
    /// <summary>How long remote write queues keep sending what they hold on shutdown or reload (<c>--storage.remote.flush-deadline</c>).</summary>
    public TimeSpan RemoteFlushDeadline { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>The <c>--enable-feature</c> names given and what vigil does with each.</summary>
    public FeatureFlags Features { get; init; } = new();
    /// <summary>The <c>/api/v1/read</c> limits (<c>--storage.remote.read-sample-limit</c>, <c>-concurrent-limit</c>, <c>-max-bytes-in-frame</c>).</summary>
    public Api.Prometheus.RemoteRead.RemoteReadLimits RemoteReadLimits { get; init; } = new();
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public LogFormat LogFormat { get; init; } = LogFormat.Logfmt;

    /// <summary>Reads settings from parsed flags; throws <see cref="UsageException"/> naming the flag for invalid values.</summary>
    public static PrometheusSettings From(ParsedFlags f) => From(f, FeatureFlags.Parse(f.Strings("enable-feature")));

    private static PrometheusSettings From(ParsedFlags f, FeatureFlags features) => new()
    {
        ConfigFile = f.String("config.file"),
        ConfigFileExplicit = f.IsSet("config.file"),
        StoragePath = f.String("storage.tsdb.path"),
        ListenAddresses = [.. f.Strings("web.listen-address").Select(ParseAddress)],
        ExternalUrl = f.String("web.external-url"),
        RoutePrefix = f.String("web.route-prefix"),
        WebConfigFile = f.String("web.config.file"),
        LifecycleEnabled = f.Bool("web.enable-lifecycle"),
        RemoteWriteReceiver = f.Bool("web.enable-remote-write-receiver"),
        AdminApiEnabled = f.Bool("web.enable-admin-api"),
        RetentionTime = Retention(f),
        RetentionSizeBytes = f.String("storage.tsdb.retention.size") is { Length: > 0 } size ? ByteSize.Parse(size, "storage.tsdb.retention.size") : 0,
        QueryTimeout = Duration(f, "query.timeout"),
        LookbackDelta = Duration(f, "query.lookback-delta"),
        MaxConcurrency = Positive(f, "query.max-concurrency"),
        MaxSamples = Positive(f, "query.max-samples"),
        QueryWarmUp = f.Bool("query.warm-up"),
        NotificationQueueCapacity = Positive(f, "alertmanager.notification-queue-capacity"),
        AlertFlags = new AlertFlags
        {
            ResendDelay = f.Duration("rules.alert.resend-delay"),
            ForOutageTolerance = f.Duration("rules.alert.for-outage-tolerance"),
            ForGracePeriod = f.Duration("rules.alert.for-grace-period"),
        },
        RulesMaxConcurrentEvals = f.Int("rules.max-concurrent-evals"),
        AutoReload = f.Bool("config.auto-reload") || features.AutoReloadConfig,
        AutoReloadInterval = TimeSpan.FromTicks(Math.Max(f.Duration("config.auto-reload-interval").Ticks, ConfigAutoReloader.MinimumInterval.Ticks)),
        RemoteFlushDeadline = f.Duration("storage.remote.flush-deadline"),
        Features = features,
        RemoteReadLimits = new Api.Prometheus.RemoteRead.RemoteReadLimits(
            NonNegative(f, "storage.remote.read-sample-limit"),
            (int)NonNegative(f, "storage.remote.read-concurrent-limit"),
            (int)Math.Max(1, NonNegative(f, "storage.remote.read-max-bytes-in-frame"))),
        LogLevel = LogfmtLoggerProvider.ParseLevel(f.String("log.level"))
            ?? throw new UsageException($"invalid value \"{f.String("log.level")}\" for flag '--log.level': expected one of debug, info, warn, error"),
        LogFormat = f.String("log.format") switch
        {
            "logfmt" => LogFormat.Logfmt,
            "json" => LogFormat.Json,
            var other => throw new UsageException($"invalid value \"{other}\" for flag '--log.format': expected logfmt or json"),
        },
    };

    /// <summary>The retention as upstream prints it in runtimeinfo (e.g. <c>15d</c>, <c>15d or 512MiB</c>).</summary>
    public string RetentionText =>
        RetentionSizeBytes > 0 ? $"{PromDuration.Format(RetentionTime)} or {ByteSize.Format(RetentionSizeBytes)}" : PromDuration.Format(RetentionTime);

    private static TimeSpan Retention(ParsedFlags f)
    {
        var name = f.IsSet("storage.tsdb.retention.time") ? "storage.tsdb.retention.time" : "storage.tsdb.retention";
        return f.String(name).Length > 0 ? Duration(f, name) : DefaultRetention;
    }

    private static TimeSpan Duration(ParsedFlags f, string name)
    {
        var text = f.String(name);
        return PromDuration.TryParse(text, out var value, out var error)
            ? value
            : throw new UsageException($"invalid value \"{text}\" for flag '--{name}': {error}");
    }

    private static int Positive(ParsedFlags f, string name)
    {
        var value = f.Int(name);
        return value is > 0 and <= int.MaxValue
            ? (int)value
            : throw new UsageException($"invalid value \"{f.String(name)}\" for flag '--{name}': must be a positive number");
    }

    private static long NonNegative(ParsedFlags f, string name)
    {
        var value = f.Int(name);
        return value is >= 0 and <= int.MaxValue
            ? value
            : throw new UsageException($"invalid value \"{f.String(name)}\" for flag '--{name}': must be a number from 0 to {int.MaxValue}");
    }

    private static ListenAddress ParseAddress(string text)
    {
        try
        {
            return ListenAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"invalid value \"{text}\" for flag '--web.listen-address': {e.Message}");
        }
    }
}
