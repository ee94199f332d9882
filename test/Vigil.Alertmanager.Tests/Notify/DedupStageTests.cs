using Vigil.Alertmanager.NotificationLog;
using Vigil.Alertmanager.Notify;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class DedupStageTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    // Columns: last entry (null = none; firing; resolved; minutes ago), firing now, resolved now,
    // send_resolved, repeat (minutes), expected reason. Mirrors Alertmanager's needsUpdate cases.
    public static TheoryData<string, int[]?, int[]?, int, int[], int[], bool, int, NotifyReason> Cases => new()
    {
        { "no entry, firing", null, null, 0, [2, 3, 4], [], false, 240, NotifyReason.FirstNotification },
        { "no entry, only resolved", null, null, 0, [], [2, 3, 4], true, 240, NotifyReason.DoNotNotify },
        { "different firing set", [1, 2, 3], [], 1, [2, 3, 4], [], false, 240, NotifyReason.NewAlertsInGroup },
        { "zero timestamp always repeats", [1, 2, 3], [], -1, [1, 2, 3], [], false, 10, NotifyReason.RepeatIntervalElapsed },
        { "same firing before repeat", [1, 2, 3], [], 9, [1, 2, 3], [], false, 10, NotifyReason.DoNotNotify },
        { "same firing after repeat", [1, 2, 3], [], 11, [1, 2, 3], [], false, 10, NotifyReason.RepeatIntervalElapsed },
        { "same firing exactly at repeat", [1, 2, 3], [], 10, [1, 2, 3], [], false, 10, NotifyReason.DoNotNotify },
        { "firing subset (one resolved silently)", [1, 2, 3], [], 1, [1, 2], [], false, 10, NotifyReason.DoNotNotify },
        { "only resolved, last had none firing", [], [1, 2, 3], 11, [], [3, 4, 5], true, 10, NotifyReason.DoNotNotify },
        { "resolved changed, send_resolved off", [1, 2], [3], 9, [1], [2, 3], false, 10, NotifyReason.DoNotNotify },
        { "resolved changed, send_resolved on", [1, 2], [3], 9, [1], [2, 3], true, 10, NotifyReason.NewResolvedAlerts },
        { "all resolved, send_resolved off", [1, 2], [3], 9, [], [1, 2, 3], false, 10, NotifyReason.AllAlertsResolved },
        { "all resolved, send_resolved on", [1, 2], [3], 9, [], [1, 2, 3], true, 10, NotifyReason.AllAlertsResolved },
        { "new firing after all-resolved notification", [], [1], 1, [1], [], true, 240, NotifyReason.FirstNotification },
        { "resolved subset, send_resolved on", [1, 2], [3, 4], 1, [1], [3], true, 240, NotifyReason.DoNotNotify },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_UpstreamCases_ReturnsExpectedReason(
        string scenario, int[]? lastFiring, int[]? lastResolved, int minutesAgo, int[] firing, int[] resolved, bool sendResolved, int repeatMinutes, NotifyReason expected)
    {
        var last = lastFiring is null
            ? null
            : new NotificationLogEntry(
                "r/slack/0",
                "g",
                minutesAgo < 0 ? DateTimeOffset.MinValue : Now.AddMinutes(-minutesAgo),
                Prints(lastFiring),
                Prints(lastResolved ?? []),
                DateTimeOffset.MaxValue);

        var reason = DedupStage.Decide(last, Prints(firing).ToHashSet(), Prints(resolved).ToHashSet(), sendResolved, TimeSpan.FromMinutes(repeatMinutes), Now);

        Assert.True(expected == reason, $"{scenario}: expected {expected}, got {reason}");
    }

    [Fact]
    public async Task ExecuteAsync_UsesFlushTimeAndRecordsSets_SuppressesWithinRepeat()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var log = new InMemoryNotificationLog(time);
        var integration = new Integration("team", "slack", 0, new FakeNotifier(), SendResolved: false);
        var firing = TestAlerts.Firing("A");
        var resolved = TestAlerts.Resolved("B");
        log.Log(integration.Key, "{}:{alertname=\"A\"}", [firing.Fingerprint], [], Now, TimeSpan.FromHours(8));
        var context = new PipelineContext(TestAlerts.Flush(Now.AddMinutes(10), repeat: TimeSpan.FromMinutes(30)), "").ForIntegration(integration);

        var result = await new DedupStage(log).ExecuteAsync(context, [firing, resolved], CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Alerts);
        Assert.Equal(NotifyReason.DoNotNotify, context.Reason);
        Assert.Equal([firing.Fingerprint], context.FiringAlerts);
        Assert.Equal([resolved.Fingerprint], context.ResolvedAlerts);
    }

    private static Fingerprint[] Prints(int[] values) => [.. values.Select(v => new Fingerprint((ulong)v))];
}
