using System.Collections.Concurrent;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Model;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Dispatch;

public sealed class DispatcherConcurrencyTests
{
    [Fact]
    public async Task ManyWritersWhileTimersFire_EveryAlertNotifiedAndNoGroupFlushesConcurrently()
    {
        var clock = Clock();
        using var store = new AlertStore(clock, new AlertMarker(), TimeSpan.FromMinutes(1));
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlaps = 0;
        var seen = new ConcurrentDictionary<string, bool>();
        NotifyFunc notify = async (context, alerts, _) =>
        {
            if (inFlight.AddOrUpdate(context.GroupKey, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }
            await Task.Yield();
            foreach (var alert in alerts)
            {
                seen[alert.Labels.Get("id")] = true;
            }
            inFlight.AddOrUpdate(context.GroupKey, 0, (_, n) => n - 1);
            return true;
        };
        var root = new RouteConfig { Receiver = "r", GroupBy = ["group"], GroupWait = TimeSpan.FromSeconds(5), GroupInterval = TimeSpan.FromSeconds(10) };
        using var dispatcher = new Dispatcher(Route.Build(root), store, notify, clock);
        dispatcher.Start();
        const int writers = 4, perWriter = 500;

        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var now = clock.GetUtcNow();
                store.Put([new Alert { Labels = L("alertname", "A", "group", (i % 50).ToString(), "id", $"{w}-{i}"), StartsAt = now, EndsAt = now.AddHours(1), UpdatedAt = now }]);
            }
        })).ToArray();
        var ticking = Task.Run(async () =>
        {
            while (!writing.All(t => t.IsCompleted))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Yield();
            }
        });
        await Task.WhenAll([.. writing, ticking]);
        await dispatcher.WhenIdleAsync();
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await WaitUntil(() => inFlight.Values.All(n => n == 0));
        }

        Assert.Equal(0, overlaps);
        Assert.Equal(writers * perWriter, seen.Count);
        Assert.Equal(50, dispatcher.GroupCount);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Waits for notifications running on the thread pool, never for a timer.
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(5);
        }
    }
}
