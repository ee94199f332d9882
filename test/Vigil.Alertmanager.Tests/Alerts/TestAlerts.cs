using Microsoft.Extensions.Time.Testing;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Alerts;

/// <summary>Alert builders and a fixed epoch for tests.</summary>
public static class TestAlerts
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Epoch);

    public static LabelSet L(params string[] namesAndValues) => LabelSet.Of(namesAndValues);

    /// <summary>A firing alert as the API stores it: started and updated now, timeout end in 5m.</summary>
    public static Alert Firing(TimeProvider clock, params string[] labels)
    {
        var now = clock.GetUtcNow();
        return new Alert { Labels = L(labels), StartsAt = now, EndsAt = now.AddMinutes(5), UpdatedAt = now, Timeout = true };
    }

    /// <summary>A resolved alert: ended now.</summary>
    public static Alert Resolved(TimeProvider clock, params string[] labels)
    {
        var now = clock.GetUtcNow();
        return new Alert { Labels = L(labels), StartsAt = now.AddMinutes(-10), EndsAt = now, UpdatedAt = now };
    }

    public static DateTimeOffset At(double seconds) => Epoch.AddSeconds(seconds);
}
