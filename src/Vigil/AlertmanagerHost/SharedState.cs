using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Silences;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// What outlives a reload: the alert store and marker, the silences and the notification log
/// (both journalled under <c>--storage.path</c>), the attempt log, notification metrics and the
/// pipeline builder that shares them.
/// </summary>
public sealed class SharedState : IDisposable
{
    private readonly Meter _meter = new(NotificationMetrics.MeterName);
    private readonly CancellationTokenSource _stop = new();
    private readonly FileSilenceJournal _silenceJournal;
    private readonly FileNotificationLogJournal _nflogJournal;
    private readonly SilenceMaintenance _silenceMaintenance;
    private Task _maintenance = Task.CompletedTask;

    /// <summary>Creates the long-lived pieces; silences and the notification log are recovered from <paramref name="storagePath"/>.</summary>
    public SharedState(TimeProvider time, TimeSpan gcInterval, TimeSpan retention, ILoggerFactory loggers, string storagePath, SilenceLimits? silenceLimits = null)
    {
        Time = time;
        Marker = new AlertMarker();
        var silenceLogger = loggers.CreateLogger("silences");
        // A torn tail after a crash is truncated and start-up continues; the operator should still hear of it.
        _silenceJournal = new FileSilenceJournal(storagePath, warning => silenceLogger.LogWarning("{Warning}", warning));
        Silences = new SilenceStore(time, retention, _silenceJournal) { Limits = silenceLimits ?? SilenceLimits.None };
        _silenceMaintenance = new SilenceMaintenance(Silences, time, silenceLogger);
        Store = new AlertStore(time, Marker, gcInterval);
        var nflogLogger = loggers.CreateLogger("nflog");
        Action<string> nflogWarn = warning => nflogLogger.LogWarning("{Warning}", warning);
        // Journalled so a restart does not re-send an unchanged group before its repeat interval.
        _nflogJournal = new FileNotificationLogJournal(storagePath, nflogWarn);
        NotificationLog = new InMemoryNotificationLog(time, retention, _meter, _nflogJournal, nflogWarn);
        Attempts = new AttemptLog();
        GroupMarker = new GroupMarker();
        Pipelines = new PipelineBuilder(NotificationLog, new NotificationMetrics(_meter), Attempts, time, loggers) { GroupMarker = GroupMarker };
    }

    public TimeProvider Time { get; }

    public AlertMarker Marker { get; }

    public AlertStore Store { get; }

    /// <summary>The silences; one store for the process, so a reload keeps them.</summary>
    public SilenceStore Silences { get; }

    public InMemoryNotificationLog NotificationLog { get; }

    public AttemptLog Attempts { get; }

    public GroupMarker GroupMarker { get; }

    public PipelineBuilder Pipelines { get; }

    /// <summary>
    /// Starts the notification log's and the silences' garbage collection (and journal compaction)
    /// every <paramref name="interval"/> (<c>--data.maintenance-interval</c>).
    /// </summary>
    public void StartMaintenance(TimeSpan interval)
    {
        if (interval > TimeSpan.Zero)
        {
            _maintenance = NotificationLog.RunMaintenanceAsync(interval, _stop.Token);
            _silenceMaintenance.Start(interval);
        }
    }

    /// <summary>The meter of the notification instruments (for exporters that select meters).</summary>
    public Meter Meter => _meter;

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _maintenance.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _silenceMaintenance.Dispose();
        _silenceJournal.Dispose();
        _nflogJournal.Dispose();
        Store.Dispose();
        _meter.Dispose();
    }
}
