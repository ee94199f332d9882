using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.Notify;
using Vigil.Model;
using Vigil.Model.Labels;

// Not "Tests.Notify": a namespace of that name would shadow Vigil.Alertmanager.Notify for tests
// elsewhere that write "Notify.Something" from inside Vigil.Alertmanager.Tests.
namespace Vigil.Alertmanager.Tests.NotifyCore;

/// <summary>A notifier that answers from a script and remembers what it was asked to send.</summary>
internal sealed class FakeNotifier(TimeProvider? clock = null) : INotifier
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task<NotifyResult>>> _script = new();

    public ConcurrentQueue<(NotificationContext Context, IReadOnlyList<Alert> Alerts, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>The answer once the script is used up.</summary>
    public NotifyResult Default { get; set; } = NotifyResult.Succeeded(200);

    public FakeNotifier Then(NotifyResult result)
    {
        _script.Enqueue(_ => Task.FromResult(result));
        return this;
    }

    public FakeNotifier Then(Func<CancellationToken, Task<NotifyResult>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public Task<NotifyResult> NotifyAsync(NotificationContext context, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        Calls.Enqueue((context, alerts, clock?.GetUtcNow() ?? default));
        return _script.TryDequeue(out var next) ? next(cancellationToken) : Task.FromResult(Default);
    }
}

/// <summary>Mutes alerts whose labels contain a given pair.</summary>
internal sealed class LabelMuter(string name, string value) : IAlertMuter
{
    public int Calls { get; private set; }

    public bool Mutes(LabelSet labels)
    {
        Calls++;
        return labels.TryGet(name, out var v) && v == value;
    }
}

/// <summary>
/// Collects the measurements of one meter's instruments: sums for counters and histograms,
/// the latest observation for observable instruments (which are observed on every read).
/// </summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public MetricsCollector(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    /// <summary>The value of a series, e.g. <c>alertmanager_notifications_total{integration="slack"}</c>.</summary>
    public double Sum(string series)
    {
        _listener.RecordObservableInstruments();
        return _sums.GetValueOrDefault(series);
    }

    /// <summary>How many measurements a series got (for histograms: observations).</summary>
    public int Count(string series) => _counts.GetValueOrDefault(series);

    /// <summary>Whether the series exists.</summary>
    public bool Has(string series)
    {
        _listener.RecordObservableInstruments();
        return _counts.ContainsKey(series);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}=\"{t.Value}\""));
        var series = $"{instrument.Name}{{{labels}}}";
        _sums.AddOrUpdate(series, value, (_, old) => instrument.IsObservable ? value : old + value);
        _counts.AddOrUpdate(series, 1, (_, old) => old + 1);
    }
}

/// <summary>Keeps every formatted log line.</summary>
internal sealed class ListLogger : ILogger, ILoggerFactory, ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public string All => string.Join("\n", Lines.Select(l => l.Message));
}

internal static class TestAlerts
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static Alert Firing(string name, params string[] labels) => new()
    {
        Labels = LabelSet.Of([LabelName.AlertName, name, .. labels]),
        StartsAt = T0.AddHours(-1),
        EndsAt = DateTimeOffset.MinValue,
    };

    public static Alert Resolved(string name, params string[] labels) => Firing(name, labels) with { EndsAt = T0.AddMinutes(-1) };

    public static FlushContext Flush(DateTimeOffset now, string receiver = "team", TimeSpan? repeat = null) => new(
        GroupKey: "{}:{alertname=\"A\"}",
        ReceiverName: receiver,
        GroupLabels: LabelSet.Of(LabelName.AlertName, "A"),
        RepeatInterval: repeat ?? TimeSpan.FromHours(4),
        MuteTimeIntervals: [],
        ActiveTimeIntervals: [],
        RouteId: "{}",
        Now: now);
}
