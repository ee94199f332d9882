using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.Notify;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// What outlives a reload: the alert store and marker, the notification log, the attempt log,
/// notification metrics and the pipeline builder that shares them.
/// </summary>
public sealed class SharedState : IDisposable
{
    private readonly Meter _meter = new(NotificationMetrics.MeterName);
    private readonly CancellationTokenSource _stop = new();
    private Task _maintenance = Task.CompletedTask;

    /// <summary>Creates the long-lived pieces.</summary>
    public SharedState(TimeProvider time, TimeSpan gcInterval, TimeSpan retention, ILoggerFactory loggers)
    {
        Time = time;
        Marker = new AlertMarker();
        Store = new AlertStore(time, Marker, gcInterval);
        NotificationLog = new InMemoryNotificationLog(time, retention, _meter);
        Attempts = new AttemptLog();
        GroupMarker = new GroupMarker();
        Pipelines = new PipelineBuilder(NotificationLog, new NotificationMetrics(_meter), Attempts, time, loggers) { GroupMarker = GroupMarker };
    }

    public TimeProvider Time { get; }

    public AlertMarker Marker { get; }

    public AlertStore Store { get; }

    public InMemoryNotificationLog NotificationLog { get; }

    public AttemptLog Attempts { get; }

    public GroupMarker GroupMarker { get; }

    public PipelineBuilder Pipelines { get; }

    /// <summary>Starts the notification log's garbage collection every <paramref name="interval"/> (<c>--data.maintenance-interval</c>).</summary>
    public void StartMaintenance(TimeSpan interval)
    {
        if (interval > TimeSpan.Zero)
        {
            _maintenance = NotificationLog.RunMaintenanceAsync(interval, _stop.Token);
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
        Store.Dispose();
        _meter.Dispose();
    }
}
