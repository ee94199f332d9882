using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Alertmanager.Silences;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceOrderTests
{
    [Fact]
    public void ForApi_MixedStates_ActiveByEndThenPendingByStartThenExpiredNewestFirst()
    {
        var now = Epoch.AddMinutes(100);
        var silences = new[]
        {
            S("{n=\"expired-old\"}", 0, 10),
            S("{n=\"pending-late\"}", 300, 400),
            S("{n=\"active-long\"}", 0, 500),
            S("{n=\"expired-new\"}", 0, 50),
            S("{n=\"pending-soon\"}", 200, 400),
            S("{n=\"active-short\"}", 0, 150),
        };
        var names = SilenceOrder.ForApi(silences, now).Select(s => s.Matchers[0].Value);
        Assert.Equal(["active-short", "active-long", "pending-soon", "pending-late", "expired-new", "expired-old"], names);
    }

    [Fact]
    public void Maintenance_TimerFires_CollectsGarbage()
    {
        var clock = Clock();
        var store = new SilenceStore(clock, TimeSpan.FromMinutes(1));
        var id = store.Set(S("{a=\"b\"}", 0, 10));
        using var maintenance = new SilenceMaintenance(store, clock, NullLogger.Instance);
        maintenance.Start(TimeSpan.FromMinutes(15));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(store.Get(id));
    }
}
