using System.Collections.Concurrent;
using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Alerts;

public sealed class AlertStoreTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private readonly AlertMarker _marker = new();

    private AlertStore NewStore() => new(_clock, _marker, TimeSpan.FromMinutes(30));

    [Fact]
    public void Put_NewAlert_GetReturnsIt()
    {
        using var store = NewStore();
        var alert = Firing(_clock, "alertname", "a");

        store.Put([alert]);

        Assert.Same(alert, store.Get(alert.Fingerprint));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Put_OverlappingUpdate_MergesKeepingEarliestStart()
    {
        using var store = NewStore();
        var first = Firing(_clock, "alertname", "a");
        store.Put([first]);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Firing(_clock, "alertname", "a") with { Annotations = L("summary", "v2") };

        store.Put([second]);

        var stored = store.Get(first.Fingerprint)!;
        Assert.Equal(first.StartsAt, stored.StartsAt);
        Assert.Equal(second.EndsAt, stored.EndsAt);
        Assert.Equal("v2", stored.Annotations.Get("summary"));
    }

    [Fact]
    public void Put_DisjointInterval_Replaces()
    {
        using var store = NewStore();
        var first = Firing(_clock, "alertname", "a");
        store.Put([first]);
        _clock.Advance(TimeSpan.FromHours(1));
        var later = Firing(_clock, "alertname", "a");

        store.Put([later]);

        Assert.Same(later, store.Get(first.Fingerprint));
    }

    [Fact]
    public void CollectGarbage_OnInterval_DeletesResolvedAndTellsMarkerAndCallback()
    {
        using var store = NewStore();
        var firing = Firing(_clock, "alertname", "f") with { EndsAt = _clock.GetUtcNow().AddHours(2) };
        var resolved = Resolved(_clock, "alertname", "r");
        store.Put([firing, resolved]);
        _marker.SetInhibited(resolved.Fingerprint, ["x"]);
        IReadOnlyList<Alert>? collected = null;
        store.GarbageCollected += list => collected = list;

        _clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(store.Get(resolved.Fingerprint));
        Assert.NotNull(store.Get(firing.Fingerprint));
        Assert.Equal(AlertState.Unprocessed, _marker.Status(resolved.Fingerprint).State);
        Assert.Equal([resolved.Fingerprint], collected!.Select(a => a.Fingerprint));
    }

    [Fact]
    public void CollectGarbage_BeforeInterval_KeepsResolved()
    {
        using var store = NewStore();
        var resolved = Resolved(_clock, "alertname", "r");
        store.Put([resolved]);

        _clock.Advance(TimeSpan.FromMinutes(29));

        Assert.NotNull(store.Get(resolved.Fingerprint));
    }

    [Fact]
    public async Task Subscribe_ExistingAndNewAlerts_DeliversBothInOrder()
    {
        using var store = NewStore();
        var old = Firing(_clock, "alertname", "old");
        store.Put([old]);
        var seen = new ConcurrentQueue<Alert>();

        using var subscription = store.Subscribe("test", seen.Enqueue);
        var fresh = Firing(_clock, "alertname", "new");
        store.Put([fresh]);
        await subscription.WhenIdleAsync();

        Assert.Equal(["old", "new"], seen.Select(a => a.Name));
    }

    [Fact]
    public async Task Subscribe_SlowSubscriber_GetsLatestVersionWithoutBlockingPut()
    {
        using var store = NewStore();
        using var gate = new ManualResetEventSlim();
        var seen = new ConcurrentQueue<Alert>();
        using var subscription = store.Subscribe("slow", a => { gate.Wait(); seen.Enqueue(a); });

        store.Put([Firing(_clock, "alertname", "first")]);
        for (var i = 0; i < 100; i++)
        {
            store.Put([Firing(_clock, "alertname", "a") with { Annotations = L("v", i.ToString()) }]);
        }
        gate.Set();
        await subscription.WhenIdleAsync();

        var versions = seen.Where(a => a.Name == "a").ToList();
        Assert.InRange(versions.Count, 1, 2); // maybe one taken before the backlog built up, then the latest
        Assert.Equal("99", versions[^1].Annotations.Get("v"));
    }

    [Fact]
    public async Task Subscribe_HandlerThrows_ReportsAndContinues()
    {
        using var store = NewStore();
        var errors = new ConcurrentQueue<Exception>();
        var seen = new ConcurrentQueue<string>();
        using var subscription = store.Subscribe(
            "faulty",
            a => { if (a.Name == "bad") { throw new InvalidOperationException("boom"); } seen.Enqueue(a.Name); },
            errors.Enqueue);

        store.Put([Firing(_clock, "alertname", "bad"), Firing(_clock, "alertname", "good")]);
        await subscription.WhenIdleAsync();

        Assert.Single(errors);
        Assert.Equal(["good"], seen);
    }

    [Fact]
    public async Task Subscription_Disposed_ReceivesNothingMore()
    {
        using var store = NewStore();
        var seen = new ConcurrentQueue<Alert>();
        var subscription = store.Subscribe("gone", seen.Enqueue);
        subscription.Dispose();

        store.Put([Firing(_clock, "alertname", "a")]);
        await subscription.WhenIdleAsync();

        Assert.Empty(seen);
    }

    [Fact]
    public async Task Put_ManyThreads_StoresEveryAlertAndSubscriberSeesFinalVersions()
    {
        using var store = NewStore();
        var latest = new ConcurrentDictionary<string, Alert>();
        using var subscription = store.Subscribe("count", a => latest[a.Name] = a);
        const int threads = 8, perThread = 2000;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                // Every thread also updates a shared alert, so writers of one fingerprint race.
                store.Put([Firing(_clock, "alertname", $"t{t}-{i}"), Firing(_clock, "alertname", "shared")]);
            }
        })));
        await subscription.WhenIdleAsync();

        Assert.Equal((threads * perThread) + 1, store.Count);
        Assert.Equal((threads * perThread) + 1, latest.Count);
        Assert.Equal(store.GetAll().Count, latest.Count);
    }

    [Fact]
    public void Count_ByState_CountsUnresolvedAlertsByMarkerState()
    {
        using var store = NewStore();
        var active = Firing(_clock, "alertname", "a");
        var suppressed = Firing(_clock, "alertname", "s");
        var fresh = Firing(_clock, "alertname", "u");
        store.Put([active, suppressed, fresh, Resolved(_clock, "alertname", "r")]);
        _marker.SetInhibited(active.Fingerprint, []);
        _marker.SetSilenced(suppressed.Fingerprint, ["s1"]);

        Assert.Equal(1, store.CountInState(AlertState.Active));
        Assert.Equal(1, store.CountInState(AlertState.Suppressed));
        Assert.Equal(1, store.CountInState(AlertState.Unprocessed));
    }
}
