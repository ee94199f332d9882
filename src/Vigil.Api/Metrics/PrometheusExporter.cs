using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Vigil.Api.Metrics;

/// <summary>
/// Collects every <see cref="System.Diagnostics.Metrics"/> instrument from the selected meters
/// and renders them in the Prometheus text exposition format (0.0.4) for <c>/metrics</c>.
/// Libraries only create instruments with upstream metric names; this is the one place that
/// knows about Prometheus.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>
    /// The instrument tag that turns a <c>Histogram&lt;double&gt;</c> into a Prometheus summary: its value is the
    /// quantiles (a <c>double[]</c> of 0..1), computed over the last 10 minutes' observations. Libraries that
    /// cannot reference this assembly spell the same key.
    /// </summary>
    public const string SummaryQuantilesTag = "prometheus.summary.quantiles";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _states = new();
    private readonly Func<Meter, bool> _includeMeter;
    private readonly Lock _collectGate = new();
    private readonly TimeProvider _time;

    /// <summary>
    /// Starts listening to instruments of meters that <paramref name="includeMeter"/> accepts; summaries age their
    /// observations on <paramref name="time"/> (the system clock by default).
    /// </summary>
    public PrometheusExporter(Func<Meter, bool> includeMeter, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _includeMeter = includeMeter;
        _listener.InstrumentPublished = OnPublished;
        _listener.MeasurementsCompleted = (instrument, _) => _states.TryRemove(instrument, out InstrumentState? _);
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<float>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<long>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<int>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<short>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<byte>((i, v, t, s) => OnMeasurement(i, v, t, s));
        _listener.SetMeasurementEventCallback<decimal>((i, v, t, s) => OnMeasurement(i, (double)v, t, s));
        _listener.Start();
    }

    /// <summary>An exporter for every meter whose name starts with one of <paramref name="prefixes"/>.</summary>
    public static PrometheusExporter ForPrefixes(params string[] prefixes) =>
        new(m => prefixes.Any(p => m.Name.StartsWith(p, StringComparison.Ordinal)));

    /// <summary>Runs observable callbacks and renders every series.</summary>
    public string Render()
    {
        lock (_collectGate)
        {
            var observable = _states.Values.Where(s => s.IsObservable).ToList();
            observable.ForEach(s => s.BeginCollect());
            _listener.RecordObservableInstruments();
            observable.ForEach(s => s.DropUnobserved());
            return TextFormat.Write(_states.Values);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        if (!_includeMeter(instrument.Meter))
        {
            return;
        }
        var state = new InstrumentState(instrument, _time);
        _states[instrument] = state;
        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is not InstrumentState s && !_states.TryGetValue(instrument, out s!))
        {
            return;
        }
        var series = s.For(tags);
        if (s.Kind is MetricType.Histogram or MetricType.Summary)
        {
            series.Record(value);
        }
        else if (s.IsObservable)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }
}
