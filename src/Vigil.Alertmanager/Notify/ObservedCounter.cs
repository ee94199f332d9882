using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Vigil.Alertmanager.Notify;

/// <summary>
/// A counter that keeps its own totals per label set and reports them when observed. Unlike a
/// plain <see cref="Counter{T}"/>, series created at zero exist for every listener, whenever it
/// starts listening, which is what initialising series (as Alertmanager does) needs.
/// </summary>
internal sealed class ObservedCounter
{
    private readonly ConcurrentDictionary<string, (KeyValuePair<string, object?>[] Tags, StrongBox<long> Total)> _series = new(StringComparer.Ordinal);

    /// <summary>Creates the counter as an observable instrument on <paramref name="meter"/>.</summary>
    public ObservedCounter(Meter meter, string name, string description) =>
        meter.CreateObservableCounter(name, Observe, unit: null, description: description);

    /// <summary>Adds <paramref name="delta"/> (zero creates the series) to the series of <paramref name="tags"/>.</summary>
    public void Add(long delta, params KeyValuePair<string, object?>[] tags)
    {
        var series = _series.GetOrAdd(Key(tags), _ => (tags, new StrongBox<long>()));
        Interlocked.Add(ref series.Total.Value, delta);
    }

    /// <summary>The current total of a series (0 when it does not exist).</summary>
    public long Value(params KeyValuePair<string, object?>[] tags) =>
        _series.TryGetValue(Key(tags), out var series) ? Interlocked.Read(ref series.Total.Value) : 0;

    private IEnumerable<Measurement<long>> Observe() =>
        [.. _series.Values.Select(s => new Measurement<long>(Interlocked.Read(ref s.Total.Value), s.Tags))];

    private static string Key(KeyValuePair<string, object?>[] tags) =>
        string.Join('\u0001', tags.Select(t => $"{t.Key}\u0000{t.Value}"));
}
