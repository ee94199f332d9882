using Vigil.Alertmanager.Notify;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class AttemptLogTests
{
    [Fact]
    public void List_MoreThanCapacity_KeepsNewestFirst()
    {
        var log = new AttemptLog(capacity: 3);

        for (var i = 1; i <= 5; i++)
        {
            log.Record(Attempt(i, i % 2 == 0 ? "a" : "b"));
        }

        Assert.Equal([5, 4, 3], log.List().Select(a => a.Attempt));
        Assert.Equal(5, log.TotalRecorded);
    }

    [Fact]
    public void List_ByReceiver_FiltersAndKeepsOrder()
    {
        var log = new AttemptLog();
        log.Record(Attempt(1, "a"));
        log.Record(Attempt(2, "b"));
        log.Record(Attempt(3, "a"));

        Assert.Equal([3, 1], log.List("a").Select(a => a.Attempt));
        Assert.Empty(log.List("c"));
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AttemptLog(0));

    private static NotificationAttempt Attempt(int n, string receiver) => new(
        TestAlerts.T0, receiver, "slack", 0, "g", 1, 1, 0, n, AttemptOutcome.Succeeded, null, 200, "ok", null, TimeSpan.Zero);
}
