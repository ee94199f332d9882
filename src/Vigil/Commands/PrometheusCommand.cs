using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;
using Vigil.Api.Prometheus;
using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Api.Prometheus.RemoteWrite;
using Vigil.Cli;
using Vigil.PrometheusHost;
using Vigil.PrometheusHost.WarmUp;
using Vigil.Storage;

namespace Vigil.Commands;

/// <summary><c>vigil prometheus</c>: storage and the Prometheus HTTP API with upstream's flags.</summary>
public static class PrometheusCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("prometheus", "Run a Prometheus-compatible server: storage, PromQL API, remote write receiver.", PrometheusFlags.All, RunAsync);

    /// <summary>Runs until SIGTERM/SIGINT; 0 on a clean shutdown, 1 on a startup failure.</summary>
    public static async Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        var settings = PrometheusSettings.From(flags);
        using var logging = new LogfmtLoggerProvider(io.Err, settings.LogLevel, settings.LogFormat, TimeProvider.System);
        var logger = logging.CreateLogger("main");
        var build = BuildInfo.Current;
        logger.Info("Starting Prometheus Server", ("mode", "server"), ("version", $"(version={build.Version}, branch={build.Branch}, revision={build.Revision})"));
        logger.Info("Build context", ("build_context", $"(runtime={build.RuntimeVersion}, platform={RuntimeInformation.RuntimeIdentifier})"));
        LogFeatures(settings.Features, logger);
        if (settings.WebConfigFile.Length > 0)
        {
            // Serving without the TLS/auth the user asked for would be worse than not starting.
            logger.Error("--web.config.file is not supported by vigil yet; refusing to start without the TLS/authentication it configures", ("file", settings.WebConfigFile));
            return 1;
        }
        string prefix;
        PrometheusConfigFile config;
        try
        {
            var externalUrl = RoutePrefix.ExternalUrl(settings.ExternalUrl, Environment.MachineName, settings.ListenAddresses[0].Port);
            prefix = RoutePrefix.Resolve(settings.RoutePrefix, externalUrl);
            logger.Info("Loading configuration file", ("filename", settings.ConfigFile));
            config = PrometheusServer.LoadInitial(settings, logger);
        }
        catch (FormatException e)
        {
            logger.Error($"Error loading config (--config.file={settings.ConfigFile})", ("file", settings.ConfigFile), ("err", e.Message));
            return 1;
        }
        logger.Info("Completed loading of configuration file", ("filename", settings.ConfigFile), ("external_labels", config.ExternalLabels.Count));
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logging).SetMinimumLevel(settings.LogLevel));
        IStorage storage;
        try
        {
            storage = Composition.PrometheusStorage(settings, loggers, config.MaxExemplars);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            logger.Error("Opening storage failed", ("path", settings.StoragePath), ("err", e.Message));
            return 1;
        }
        logger.Info("TSDB started", ("path", settings.StoragePath));
        var server = new PrometheusServer(settings, storage, config, FlagValues(flags), TimeProvider.System, logging.CreateLogger("configuration"));
        return await ServeAsync(settings, server, prefix, logging, logger);
    }

    // One line per --enable-feature name, as upstream logs them; only unknown or unimplemented names warn.
    private static void LogFeatures(FeatureFlags features, ILogger logger)
    {
        foreach (var (name, how) in features.Given)
        {
            switch (how)
            {
                case FeatureFlags.Handling.Enabled:
                    logger.Info("Experimental feature enabled", ("option", name));
                    break;
                case FeatureFlags.Handling.AlwaysOn:
                    logger.Info("This option for --enable-feature is always enabled in vigil and therefore a no-op.", ("option", name));
                    break;
                case FeatureFlags.Handling.Replaced:
                    logger.Warn(FeatureFlags.ReplacementHint(name), ("option", name));
                    break;
                case FeatureFlags.Handling.NotImplemented:
                    logger.Warn("This option for --enable-feature is not implemented by vigil and has no effect.", ("option", name));
                    break;
                default:
                    logger.Warn("Unknown option for --enable-feature", ("option", name));
                    break;
            }
        }
    }

    private static Dictionary<string, string> FlagValues(ParsedFlags flags) =>
        PrometheusFlags.All.ToDictionary(f => f.Name, f => f.Repeatable ? string.Join(",", flags.Strings(f.Name)) : flags.String(f.Name), StringComparer.Ordinal);

    private static async Task<int> ServeAsync(PrometheusSettings settings, PrometheusServer server, string prefix, LogfmtLoggerProvider logging, ILogger logger)
    {
        using var exporter = PrometheusExporter.ForPrefixes("Vigil");
        using var process = new ProcessMetrics("prometheus", BuildInfo.Current);
        using var http = new HttpMetrics("prometheus");
        using var remoteWrite = new RemoteWriteMetrics();
        using var gate = new QueryGate(settings.MaxConcurrency);
        var options = new PrometheusWebOptions(new WebOptions(settings.ListenAddresses, prefix), settings.LifecycleEnabled, settings.RemoteWriteReceiver);
        using var remoteRead = new RemoteReadHandler(server.Storage, () => server.Config.ExternalLabels, settings.RemoteReadLimits, logging.CreateLogger("remote_read"));
        var parts = new PrometheusWebParts(server.ReloadAsync, gate, exporter, remoteWrite)
        {
            RemoteRead = remoteRead,
            HostApi = HostEndpoints.For(server),
            Admin = settings.AdminApiEnabled ? server.Storage as ITsdbAdmin : null,
            Federation = new FederationSource(() => server.Config.ExternalLabels, settings.LookbackDelta),
        };
        await using var app = PrometheusWebApp.Build(options, server, parts, logging, http);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e)
        {
            logger.Error("Listen error", ("err", e.Message));
            return 1;
        }
        foreach (var address in AlertmanagerWebApp.BoundAddresses(app))
        {
            logger.Info("Listening on", ("address", address));
        }
        await server.ApplyRemoteWriteAsync();
        await server.ApplyScrapeConfigsAsync();
        try
        {
            await server.ApplyRuleConfigsAsync();
        }
        catch (FormatException e)
        {
            logger.Error("Error loading rule files", ("err", e.Message));
            return 1;
        }
        server.Notifier.Start();
        logger.Info("Server is ready to receive web requests.");
        using var stopWarmUp = new CancellationTokenSource();
        Task warmUp = settings.QueryWarmUp
            ? new QueryWarmUp(new QueryWarmUpOptions(), TimeProvider.System, logging.CreateLogger("query_warm_up")).Start(stopWarmUp.Token)
            : Task.CompletedTask;
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            _ = server.ReloadAsync(CancellationToken.None);
        });
        await app.WaitForShutdownAsync();
        logger.Warn("Received SIGTERM, exiting gracefully...");
        await stopWarmUp.CancelAsync();
        await warmUp;
        // Stopping the loops writes their staleness markers, so storage closes after them.
        await server.Scrapes.DisposeAsync();
        await server.Rules.DisposeAsync();
        await server.Notifier.DisposeAsync();
        // Last of the writers: it sends what they committed, bounded by --storage.remote.flush-deadline.
        await server.RemoteWrite.DisposeAsync();
        (server.Storage as IDisposable)?.Dispose();
        logger.Info("See you next time!");
        return 0;
    }
}
