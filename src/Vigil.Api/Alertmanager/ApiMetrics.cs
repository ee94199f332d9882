using System.Diagnostics.Metrics;
using Vigil.Alertmanager.Alerts;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Upstream's API-side alert metrics: <c>alertmanager_alerts_received_total{status}</c>,
/// <c>alertmanager_alerts_invalid_total</c> and <c>alertmanager_alerts{state}</c>. Counted with
/// plain interlocked longs (the ingest path is hot) and exposed through observable instruments.
/// </summary>
public sealed class ApiMetrics : IDisposable
{
    /// <summary>The meter of these instruments.</summary>
    public const string MeterName = "Vigil.Api";

    private readonly Meter _meter = new(MeterName);

    /// <summary>The meter, so an exporter can select exactly these instruments.</summary>
    public Meter Meter => _meter;
    private long _firing;
    private long _resolved;
    private long _invalid;

    /// <summary>Creates the instruments; <paramref name="backend"/> feeds the alerts-by-state gauge.</summary>
    public ApiMetrics(Func<IAlertmanagerBackend?> backend)
    {
        _meter.CreateObservableCounter("alertmanager_alerts_received_total", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _firing), new KeyValuePair<string, object?>("status", "firing")),
            new Measurement<long>(Interlocked.Read(ref _resolved), new KeyValuePair<string, object?>("status", "resolved")),
        }, description: "The total number of received alerts.");
        _meter.CreateObservableCounter("alertmanager_alerts_invalid_total", () => Interlocked.Read(ref _invalid),
            description: "The total number of received alerts that were invalid.");
        _meter.CreateObservableGauge("alertmanager_alerts", () => ByState(backend()),
            description: "How many alerts by state.");
    }

    /// <summary>Counts received alerts by whether they are firing at <paramref name="now"/>.</summary>
    public void Received(IReadOnlyList<Vigil.Model.Alert> alerts, DateTimeOffset now)
    {
        long firing = 0;
        foreach (var a in alerts)
        {
            if (a.EndsAt > now)
            {
                firing++;
            }
        }
        Interlocked.Add(ref _firing, firing);
        Interlocked.Add(ref _resolved, alerts.Count - firing);
    }

    /// <summary>Counts invalid alerts.</summary>
    public void Invalid(int count) => Interlocked.Add(ref _invalid, count);

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<long>> ByState(IAlertmanagerBackend? backend)
    {
        long active = 0, suppressed = 0, unprocessed = 0;
        if (backend is not null)
        {
            var now = backend.Time.GetUtcNow();
            foreach (var alert in backend.Alerts().Where(a => !a.ResolvedAt(now)))
            {
                switch (backend.StatusOf(alert).State)
                {
                    case AlertState.Active: active++; break;
                    case AlertState.Suppressed: suppressed++; break;
                    default: unprocessed++; break;
                }
            }
        }
        yield return new Measurement<long>(active, new KeyValuePair<string, object?>("state", "active"));
        yield return new Measurement<long>(suppressed, new KeyValuePair<string, object?>("state", "suppressed"));
        yield return new Measurement<long>(unprocessed, new KeyValuePair<string, object?>("state", "unprocessed"));
    }
}
