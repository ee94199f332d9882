using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

/// <summary>Sums every long counter of one meter, across tags.</summary>
internal sealed class MeterCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MeterCounters(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        _listener.Start();
    }

    public long Total(string name) => _totals.GetValueOrDefault(name);

    public void Dispose() => _listener.Dispose();
}
