using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.TimeIntervals;
using Vigil.Model;

namespace Vigil.Alertmanager.Tests.NotifyCore;

/// <summary>A pipeline on a fake clock, with its logs, metrics and attempt log at hand.</summary>
internal sealed class PipelineHarness : IDisposable
{
    public PipelineHarness()
    {
        Metrics = new MetricsCollector(Meter);
        NotificationMetrics = new NotificationMetrics(Meter);
        Clock = new TrackingTimeProvider(Time);
        Log = new InMemoryNotificationLog(Clock);
        Builder = new PipelineBuilder(Log, NotificationMetrics, Attempts, Clock, Logger)
        {
            // Mid-range jitter makes every wait exactly the un-randomised interval.
            Random = () => 0.5,
            GroupMarker = Marker,
        };
    }

    public FakeTimeProvider Time { get; } = new(TestAlerts.T0);

    /// <summary>What the pipeline sees: <see cref="Time"/>, with its waiting timers counted.</summary>
    public TrackingTimeProvider Clock { get; }

    public Meter Meter { get; } = new(NotificationMetrics.MeterName);

    public MetricsCollector Metrics { get; }

    public NotificationMetrics NotificationMetrics { get; }

    public AttemptLog Attempts { get; } = new();

    public InMemoryNotificationLog Log { get; }

    public ListLogger Logger { get; } = new();

    public GroupMarker Marker { get; } = new();

    public PipelineBuilder Builder { get; }

    public NotificationPipeline Build(
        IReadOnlyList<Integration> integrations,
        IAlertMuter? inhibitor = null,
        IReadOnlyList<IAlertMuter>? silencers = null,
        TimeIntervalSet? intervals = null) =>
        Builder.Build(new PipelineInputs
        {
            Receivers = new Dictionary<string, IReadOnlyList<Integration>> { ["team"] = integrations },
            Inhibitor = inhibitor,
            Silencers = silencers ?? [],
            TimeIntervals = intervals ?? TimeIntervalSet.Empty,
            ExternalUrl = "http://am.example:9093",
        });

    public FakeNotifier Notifier() => new(Time);

    /// <summary>A flush at the fake clock's current time.</summary>
    public FlushContext Flush(TimeSpan? repeat = null) => TestAlerts.Flush(Time.GetUtcNow(), repeat: repeat);

    /// <summary>Runs a flush, moving the fake clock on in small steps while it waits for retries.</summary>
    public async Task<bool> RunAsync(NotificationPipeline pipeline, FlushContext flush, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        var run = pipeline.ExecuteAsync(flush, alerts, cancellationToken);
        await DriveAsync(run, TimeSpan.FromMilliseconds(100));
        return await run;
    }

    /// <summary>Until the task completes: advances the clock by <paramref name="step"/> whenever a timer waits.</summary>
    public async Task DriveAsync(Task task, TimeSpan step)
    {
        var guard = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (Clock.Pending > 0)
            {
                Time.Advance(step);
            }

            await Task.Yield();
            if (guard.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("the pipeline did not finish");
            }
        }
    }

    /// <summary>Lets other threads catch up (without advancing the clock) until the condition holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var guard = Stopwatch.StartNew();
        while (!condition())
        {
            await Task.Yield();
            if (guard.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("condition not reached");
            }
        }
    }

    public void Dispose()
    {
        Metrics.Dispose();
        Meter.Dispose();
    }
}
