using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Dispatch;
using Vigil.AlertmanagerHost;
using Vigil.Api.Alertmanager;
using Vigil.Api.Hosting;
using Vigil.Api.Logging;
using Vigil.Api.Metrics;
using Vigil.Cli;

namespace Vigil.Commands;

/// <summary><c>vigil alertmanager</c>: an Alertmanager-compatible server with upstream's flags.</summary>
public static class AlertmanagerCommand
{
    /// <summary>The command-table entry.</summary>
    public static Command Entry { get; } = new("alertmanager", "Run an Alertmanager-compatible notification server.", AlertmanagerFlags.All, RunAsync);

    /// <summary>Runs until SIGTERM/SIGINT; 0 on a clean shutdown, 1 on a startup failure.</summary>
    public static async Task<int> RunAsync(ParsedFlags flags, CommandIo io)
    {
        var settings = AlertmanagerSettings.From(flags);
        using var logging = new LogfmtLoggerProvider(io.Err, settings.LogLevel, settings.LogFormat, TimeProvider.System);
        var logger = logging.CreateLogger("main");
        var build = BuildInfo.Current;
        logger.Info("Starting Alertmanager", ("version", $"(version={build.Version}, branch={build.Branch}, revision={build.Revision})"));
        logger.Info("Build context", ("build_context", $"(runtime={build.RuntimeVersion}, platform={RuntimeInformation.RuntimeIdentifier})"));
        if (!CheckUnsupported(settings, logger))
        {
            return 1;
        }
        Uri externalUrl;
        try
        {
            externalUrl = RoutePrefix.ExternalUrl(settings.ExternalUrl, Environment.MachineName, settings.ListenAddresses[0].Port);
        }
        catch (FormatException e)
        {
            logger.Error("failed to determine external URL", ("err", e.Message));
            return 1;
        }
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logging).SetMinimumLevel(settings.LogLevel));
        using var shared = OpenState(settings, loggers, logger);
        if (shared is null)
        {
            return 1;
        }

        shared.StartMaintenance(settings.MaintenanceInterval);
        using var reloadMetrics = new ReloadMetrics();
        var parts = Composition.AlertmanagerParts(externalUrl.ToString(), embeddedDefaultWhenMissing: !settings.ConfigFileExplicit) with
        {
            Dispatcher = new DispatcherOptions { MaintenanceInterval = settings.DispatchMaintenanceInterval },
        };
        using var service = AlertmanagerService.Start(settings.ConfigFile, parts, shared, logging.CreateLogger("configuration"), reloadMetrics);
        if (service is null)
        {
            PrintFindings(settings.ConfigFile, io.Err);
            return 1;
        }
        return await ServeAsync(settings, service, RoutePrefix.Resolve(settings.RoutePrefix, externalUrl), logging, logger);
    }

    /// <summary>
    /// Opens the silences and notification log under <c>--storage.path</c>; an unusable path is one
    /// log line and exit 1 rather than a stack trace.
    /// </summary>
    private static SharedState? OpenState(AlertmanagerSettings settings, ILoggerFactory loggers, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(settings.StoragePath);
            return new SharedState(TimeProvider.System, settings.AlertGcInterval, settings.Retention, loggers, settings.StoragePath, settings.SilenceLimits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            logger.Error("cannot open storage directory", ("path", settings.StoragePath), ("err", e.Message));
            return null;
        }
    }

    private static void PrintFindings(string configFile, TextWriter err)
    {
        // Besides the log line, every finding on its own line: file:line:col: field: message.
        foreach (var finding in Composition.LoadConfig(configFile).Errors)
        {
            err.WriteLine(finding);
        }
    }

    private static async Task<int> ServeAsync(AlertmanagerSettings settings, AlertmanagerService service, string prefix, LogfmtLoggerProvider logging, ILogger logger)
    {
        logger.Debug("app setup", ("route_prefix", prefix));
        using var exporter = PrometheusExporter.ForPrefixes("Vigil");
        using var process = new ProcessMetrics("alertmanager", BuildInfo.Current);
        using var metrics = new ApiMetrics(() => service);
        using var http = new HttpMetrics("alertmanager");
        await using var app = AlertmanagerWebApp.Build(new WebOptions(settings.ListenAddresses, prefix), service, exporter, metrics, logging, http);
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
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            _ = service.ReloadAsync(CancellationToken.None);
        });
        await app.WaitForShutdownAsync();
        logger.Info("Received shutdown signal, exiting gracefully...");
        return 0;
    }

    private static bool CheckUnsupported(AlertmanagerSettings settings, ILogger logger)
    {
        if (settings.WebConfigFile.Length > 0)
        {
            // Serving without the TLS/auth the user asked for would be worse than not starting.
            logger.Error("--web.config.file is not supported by vigil yet; refusing to start without the TLS/authentication it configures", ("file", settings.WebConfigFile));
            return false;
        }
        if (settings.ClusterListenAddress.Length > 0)
        {
            logger.Warn("Clustering (HA gossip) is not supported by vigil yet; running as a single instance. Pass --cluster.listen-address= to silence this warning.", ("address", settings.ClusterListenAddress));
        }
        return true;
    }
}
