using Microsoft.Extensions.Logging;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Cli;

namespace Vigil.AlertmanagerHost;

/// <summary>The validated settings of <c>vigil alertmanager</c>.</summary>
public sealed record AlertmanagerSettings
{
    public required string ConfigFile { get; init; }

    /// <summary>Whether <c>--config.file</c> was given; if not, a missing default file means the embedded default config.</summary>
    public bool ConfigFileExplicit { get; init; }
    public required string StoragePath { get; init; }
    public required IReadOnlyList<ListenAddress> ListenAddresses { get; init; }
    public string ExternalUrl { get; init; } = "";
    public string RoutePrefix { get; init; } = "";
    public string WebConfigFile { get; init; } = "";
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);
    public TimeSpan AlertGcInterval { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan DispatchMaintenanceInterval { get; init; } = TimeSpan.FromSeconds(30);
    public string ClusterListenAddress { get; init; } = "";

    /// <summary><c>--silences.max-silences</c> and <c>--silences.max-silence-size-bytes</c>.</summary>
    public Vigil.Alertmanager.Silences.SilenceLimits SilenceLimits { get; init; } = Vigil.Alertmanager.Silences.SilenceLimits.None;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public LogFormat LogFormat { get; init; } = LogFormat.Logfmt;

    /// <summary>Reads settings from parsed flags; throws <see cref="UsageException"/> for invalid values.</summary>
    public static AlertmanagerSettings From(ParsedFlags f)
    {
        var level = LogfmtLoggerProvider.ParseLevel(f.String("log.level"))
            ?? throw new UsageException($"invalid value \"{f.String("log.level")}\" for flag '--log.level': expected one of debug, info, warn, error");
        var format = f.String("log.format") switch
        {
            "logfmt" => LogFormat.Logfmt,
            "json" => LogFormat.Json,
            var other => throw new UsageException($"invalid value \"{other}\" for flag '--log.format': expected logfmt or json"),
        };
        return new AlertmanagerSettings
        {
            ConfigFile = f.String("config.file"),
            ConfigFileExplicit = f.IsSet("config.file"),
            StoragePath = f.String("storage.path"),
            ListenAddresses = [.. f.Strings("web.listen-address").Select(ParseAddress)],
            ExternalUrl = f.String("web.external-url"),
            RoutePrefix = f.String("web.route-prefix"),
            WebConfigFile = f.String("web.config.file"),
            Retention = f.Duration("data.retention"),
            AlertGcInterval = f.Duration("alerts.gc-interval") > TimeSpan.Zero ? f.Duration("alerts.gc-interval") : TimeSpan.FromMinutes(30),
            MaintenanceInterval = f.Duration("data.maintenance-interval"),
            DispatchMaintenanceInterval = f.Duration("dispatch.maintenance-interval") > TimeSpan.Zero ? f.Duration("dispatch.maintenance-interval") : TimeSpan.FromSeconds(30),
            ClusterListenAddress = f.String("cluster.listen-address"),
            SilenceLimits = new(f.Int("silences.max-silences"), f.Int("silences.max-silence-size-bytes")),
            LogLevel = level,
            LogFormat = format,
        };
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
