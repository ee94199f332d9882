using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.NotificationLog;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.NotificationLog;

public sealed class InMemoryNotificationLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public void Query_AfterLog_ReturnsEntryForThatIntegrationAndGroupOnly()
    {
        var log = new InMemoryNotificationLog(_time);

        log.Log("r/slack/0", "g1", [new Fingerprint(1)], [new Fingerprint(2)], T0, TimeSpan.FromHours(8));

        var entry = log.Query("r/slack/0", "g1");
        Assert.NotNull(entry);
        Assert.Equal([new Fingerprint(1)], entry.FiringAlerts);
        Assert.Equal([new Fingerprint(2)], entry.ResolvedAlerts);
        Assert.Equal(T0, entry.Timestamp);
        Assert.Null(log.Query("r/slack/1", "g1"));
        Assert.Null(log.Query("r/slack/0", "g2"));
    }

    [Fact]
    public void Log_NewerEntry_ReplacesOlderButNotTheOtherWayRound()
    {
        var log = new InMemoryNotificationLog(_time);

        log.Log("r/slack/0", "g", [new Fingerprint(1)], [], T0, TimeSpan.Zero);
        log.Log("r/slack/0", "g", [new Fingerprint(2)], [], T0.AddMinutes(5), TimeSpan.Zero);
        log.Log("r/slack/0", "g", [new Fingerprint(3)], [], T0.AddMinutes(1), TimeSpan.Zero);

        Assert.Equal([new Fingerprint(2)], log.Query("r/slack/0", "g")!.FiringAlerts);
        Assert.Equal(1, log.Count);
    }

    [Theory]
    [InlineData(8, 120, 8)]
    [InlineData(0, 120, 120)]
    [InlineData(200, 120, 120)]
    [InlineData(8, 4, 4)]
    public void Log_Expiry_IsShorterOfExpiryAndRetention(int expiryHours, int retentionHours, int expectedHours)
    {
        var log = new InMemoryNotificationLog(_time, TimeSpan.FromHours(retentionHours));

        log.Log("r/slack/0", "g", [], [], T0, TimeSpan.FromHours(expiryHours));

        Assert.Equal(T0.AddHours(expectedHours), log.Query("r/slack/0", "g")!.ExpiresAt);
    }

    [Fact]
    public void CollectGarbage_DropsExpiredOnly()
    {
        var log = new InMemoryNotificationLog(_time);
        log.Log("r/slack/0", "short", [], [], T0, TimeSpan.FromHours(1));
        log.Log("r/slack/0", "long", [], [], T0, TimeSpan.FromHours(3));

        _time.Advance(TimeSpan.FromHours(2));
        var removed = log.CollectGarbage();

        Assert.Equal(1, removed);
        Assert.Null(log.Query("r/slack/0", "short"));
        Assert.NotNull(log.Query("r/slack/0", "long"));
    }

    [Fact]
    public async Task RunMaintenanceAsync_EveryInterval_CollectsGarbage()
    {
        var log = new InMemoryNotificationLog(_time);
        log.Log("r/slack/0", "g", [], [], T0, TimeSpan.FromMinutes(10));
        using var cts = new CancellationTokenSource();

        var maintenance = log.RunMaintenanceAsync(TimeSpan.FromMinutes(15), cts.Token);
        _time.Advance(TimeSpan.FromMinutes(15));
        await WaitUntilAsync(() => log.Count == 0);
        await cts.CancelAsync();
        await maintenance;

        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void SnapshotAndRestore_RoundTripSkippingExpired()
    {
        var log = new InMemoryNotificationLog(_time);
        log.Log("r/slack/0", "a", [new Fingerprint(7)], [], T0, TimeSpan.FromHours(1));
        log.Log("r/slack/0", "b", [], [], T0, TimeSpan.FromHours(5));
        var snapshot = log.Snapshot();

        _time.Advance(TimeSpan.FromHours(2));
        var restored = new InMemoryNotificationLog(_time);
        restored.Restore(snapshot);

        Assert.Null(restored.Query("r/slack/0", "a"));
        Assert.NotNull(restored.Query("r/slack/0", "b"));
    }

    [Fact]
    public void Constructor_NonPositiveRetention_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryNotificationLog(_time, TimeSpan.Zero));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && guard.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Yield();
        }
    }
}
