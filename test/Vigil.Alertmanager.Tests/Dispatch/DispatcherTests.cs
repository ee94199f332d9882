using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Model;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Dispatch;

public sealed class DispatcherTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = Clock();
    private readonly AlertStore _store;
    private readonly RecordingNotify _notify = new();
    private Dispatcher _dispatcher;

    public DispatcherTests()
    {
        _store = new AlertStore(_clock, new AlertMarker(), TimeSpan.FromHours(10));
        _dispatcher = Start(Root());
    }

    public void Dispose()
    {
        _dispatcher.Stop();
        _store.Dispose();
    }

    private static RouteConfig Root(IReadOnlyList<string>? groupBy = null, bool all = false, params RouteConfig[] routes) => new()
    {
        Receiver = "default",
        GroupBy = groupBy ?? ["alertname"],
        GroupByAll = all,
        GroupWait = Wait,
        GroupInterval = Interval,
        Routes = routes,
    };

    private Dispatcher Start(RouteConfig root)
    {
        var dispatcher = new Dispatcher(Route.Build(root), _store, _notify.Func, _clock);
        dispatcher.Start();
        return dispatcher;
    }

    private async Task Restart(RouteConfig root)
    {
        _dispatcher.Stop();
        _dispatcher = Start(root);
        await _dispatcher.WhenIdleAsync();
    }

    private async Task Put(params Alert[] alerts)
    {
        _store.Put(alerts);
        await _dispatcher.WhenIdleAsync();
    }

    private Alert Firing(params string[] labels) => Vigil.Alertmanager.Tests.Alerts.TestAlerts.Firing(_clock, labels) with { EndsAt = _clock.GetUtcNow().AddHours(1) };

    private static string[] Names(RecordingNotify.Call call) => [.. call.Alerts.Select(a => a.Labels.ToString())];

    [Fact]
    public async Task NewGroup_BeforeGroupWait_NothingSent()
    {
        await Put(Firing("alertname", "A"));

        _clock.Advance(Wait - TimeSpan.FromSeconds(1));

        Assert.Empty(_notify.Take());
    }

    [Fact]
    public async Task NewGroup_AtGroupWait_FlushesWithContext()
    {
        await Put(Firing("alertname", "A", "severity", "page"));

        _clock.Advance(Wait);

        var call = Assert.Single(_notify.Take());
        Assert.Equal("{}:{alertname=\"A\"}", call.Context.GroupKey);
        Assert.Equal("default", call.Context.ReceiverName);
        Assert.Equal(L("alertname", "A"), call.Context.GroupLabels);
        Assert.Equal(Epoch + Wait, call.Context.Now);
        Assert.Equal("{}", call.Context.RouteId);
        Assert.Equal(TimeSpan.FromHours(4), call.Context.RepeatInterval);
        Assert.Single(call.Alerts);
    }

    [Fact]
    public async Task Group_AfterFirstFlush_FlushesEveryGroupInterval()
    {
        await Put(Firing("alertname", "A"));

        _clock.Advance(Wait);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(Interval);
        }

        Assert.Equal(
            [Epoch + Wait, Epoch + Wait + Interval, Epoch + Wait + (2 * Interval), Epoch + Wait + (3 * Interval)],
            _notify.Take().Select(c => c.Context.Now));
    }

    [Fact]
    public async Task LateAlert_DuringGroupWait_JoinsFirstFlush()
    {
        await Put(Firing("alertname", "A", "instance", "1"));
        _clock.Advance(TimeSpan.FromSeconds(20));
        await Put(Firing("alertname", "A", "instance", "2"));

        _clock.Advance(TimeSpan.FromSeconds(10));

        var call = Assert.Single(_notify.Take());
        Assert.Equal(2, call.Alerts.Count);
    }

    [Fact]
    public async Task LateAlert_AfterFirstFlush_WaitsForNextInterval()
    {
        await Put(Firing("alertname", "A", "instance", "1"));
        _clock.Advance(Wait);
        _notify.Take();
        _clock.Advance(TimeSpan.FromMinutes(1));

        await Put(Firing("alertname", "A", "instance", "2"));
        _clock.Advance(Interval - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
        Assert.Empty(_notify.Take());
        _clock.Advance(TimeSpan.FromSeconds(1));

        var call = Assert.Single(_notify.Take());
        Assert.Equal(2, call.Alerts.Count);
        Assert.Equal(Epoch + Wait + Interval, call.Context.Now);
    }

    [Fact]
    public async Task OldAlert_StartedBeforeGroupWaitAgo_FlushesImmediately()
    {
        await Put(Firing("alertname", "A") with { StartsAt = Epoch - TimeSpan.FromMinutes(1) });

        var call = Assert.Single(_notify.Take());
        Assert.Equal(Epoch, call.Context.Now);
    }

    [Fact]
    public async Task OldAlert_StartedExactlyGroupWaitAgo_WaitsAsUpstream()
    {
        // Upstream flushes at once only when startsAt + group_wait is strictly before now.
        await Put(Firing("alertname", "A") with { StartsAt = Epoch - Wait });

        Assert.Empty(_notify.Take());
    }

    [Fact]
    public async Task OldAlert_JoiningGroupStillInGroupWait_FlushesImmediately()
    {
        await Put(Firing("alertname", "A", "instance", "1"));
        _clock.Advance(TimeSpan.FromSeconds(5));

        await Put(Firing("alertname", "A", "instance", "2") with { StartsAt = Epoch - TimeSpan.FromHours(1) });

        var call = Assert.Single(_notify.Take());
        Assert.Equal(2, call.Alerts.Count);
        Assert.Equal(Epoch + TimeSpan.FromSeconds(5), call.Context.Now);
    }

    [Fact]
    public async Task OldAlert_JoiningGroupAfterFirstFlush_WaitsForInterval()
    {
        await Put(Firing("alertname", "A", "instance", "1"));
        _clock.Advance(Wait);
        _notify.Take();

        await Put(Firing("alertname", "A", "instance", "2") with { StartsAt = Epoch - TimeSpan.FromHours(1) });

        Assert.Empty(_notify.Take());
    }

    [Fact]
    public async Task Flush_FiringAlert_EndsAtHiddenResolvedAlertKeepsIt()
    {
        var firing = Firing("alertname", "A", "instance", "1");
        var resolved = Firing("alertname", "A", "instance", "2") with { EndsAt = Epoch + TimeSpan.FromSeconds(10) };
        await Put(firing, resolved);

        _clock.Advance(Wait);

        var alerts = Assert.Single(_notify.Take()).Alerts;
        Assert.Equal(DateTimeOffset.MinValue, alerts[0].EndsAt);
        Assert.Equal(resolved.EndsAt, alerts[1].EndsAt);
    }

    [Fact]
    public async Task Flush_Success_ForgetsResolvedAlertsThenGroupIsRemoved()
    {
        await Put(Firing("alertname", "A") with { EndsAt = Epoch + TimeSpan.FromSeconds(10) });
        _clock.Advance(Wait);
        Assert.Single(_notify.Take());

        _clock.Advance(Interval);

        Assert.Empty(_notify.Take());
        Assert.Equal(0, _dispatcher.GroupCount);
    }

    [Fact]
    public async Task Flush_Failure_KeepsResolvedAlertsForNextInterval()
    {
        _notify.Result = false;
        await Put(Firing("alertname", "A") with { EndsAt = Epoch + TimeSpan.FromSeconds(10) });
        _clock.Advance(Wait);

        _clock.Advance(Interval);

        Assert.Equal(2, _notify.Take().Count);
    }

    [Fact]
    public async Task EmptyGroup_BeforeMaintenance_NewAlertSkipsGroupWaitAsUpstream()
    {
        // The emptied group lives until the next 30s maintenance and has flushed before, so a new
        // alert in it goes out at its next group_interval tick rather than after group_wait.
        await Put(Firing("alertname", "A") with { EndsAt = Epoch + TimeSpan.FromSeconds(1) });
        _clock.Advance(Wait);
        _notify.Take();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Put(Firing("alertname", "A", "instance", "new"));

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));

        var call = Assert.Single(_notify.Take());
        Assert.Equal(Epoch + Wait + Interval, call.Context.Now);
    }

    [Fact]
    public async Task EmptyGroup_AfterMaintenance_NewAlertStartsFreshGroupWithGroupWait()
    {
        await Put(Firing("alertname", "A") with { EndsAt = Epoch + TimeSpan.FromSeconds(1) });
        _clock.Advance(Wait);
        _notify.Take();
        _clock.Advance(TimeSpan.FromSeconds(30)); // maintenance at 60s removes the emptied group
        Assert.Equal(0, _dispatcher.GroupCount);

        await Put(Firing("alertname", "A", "instance", "new"));
        _clock.Advance(Wait - TimeSpan.FromSeconds(1));
        Assert.Empty(_notify.Take());
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Epoch + TimeSpan.FromSeconds(90), Assert.Single(_notify.Take()).Context.Now);
    }

    [Fact]
    public async Task Stop_ThenAlertStored_NotRouted()
    {
        _dispatcher.Stop();

        _store.Put([Firing("alertname", "A")]);
        await _dispatcher.WhenIdleAsync();

        Assert.Equal(0, _dispatcher.GroupCount);
    }

    [Fact]
    public async Task Flush_AlertsSorted_ByJobThenInstanceThenLabels()
    {
        await Put(
            Firing("alertname", "A", "instance", "b"),
            Firing("alertname", "A", "job", "z", "instance", "a"),
            Firing("alertname", "A", "job", "a", "instance", "b"),
            Firing("alertname", "A", "job", "a", "instance", "a"),
            Firing("alertname", "A", "instance", "a"),
            Firing("alertname", "A"));

        _clock.Advance(Wait);

        Assert.Equal(
            [
                "{alertname=\"A\", instance=\"a\", job=\"a\"}",
                "{alertname=\"A\", instance=\"b\", job=\"a\"}",
                "{alertname=\"A\", instance=\"a\", job=\"z\"}",
                "{alertname=\"A\", instance=\"a\"}",
                "{alertname=\"A\", instance=\"b\"}",
                "{alertname=\"A\"}",
            ],
            Names(Assert.Single(_notify.Take())));
    }

    [Fact]
    public async Task GroupBy_None_OneGroupForAll()
    {
        await Restart(Root(groupBy: []));
        await Put(Firing("alertname", "A"), Firing("alertname", "B"));

        _clock.Advance(Wait);

        var call = Assert.Single(_notify.Take());
        Assert.Equal("{}:{}", call.Context.GroupKey);
        Assert.Equal(2, call.Alerts.Count);
    }

    [Fact]
    public async Task GroupBy_SomeLabels_OneGroupPerValueCombination()
    {
        await Restart(Root(groupBy: ["alertname", "cluster"]));
        await Put(Firing("alertname", "A", "cluster", "1", "i", "1"), Firing("alertname", "A", "cluster", "1", "i", "2"), Firing("alertname", "A", "cluster", "2"), Firing("alertname", "A"));

        _clock.Advance(Wait);

        Assert.Equal(
            ["{}:{alertname=\"A\", cluster=\"1\"}", "{}:{alertname=\"A\", cluster=\"2\"}", "{}:{alertname=\"A\"}"],
            _notify.Take().Select(c => c.Context.GroupKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GroupBy_All_OneGroupPerAlert()
    {
        await Restart(Root(all: true));
        await Put(Firing("alertname", "A", "i", "1"), Firing("alertname", "A", "i", "2"));

        _clock.Advance(Wait);

        Assert.Equal(
            ["{}:{alertname=\"A\", i=\"1\"}", "{}:{alertname=\"A\", i=\"2\"}"],
            _notify.Take().Select(c => c.Context.GroupKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ContinueRoutes_AlertMatchingTwo_GoesToBothReceiversWithOwnTimers()
    {
        await Restart(Root(routes:
        [
            new RouteConfig { Receiver = "ops", Matchers = [MatcherParser.Parse("team=\"x\"")], Continue = true, GroupBy = ["alertname"], GroupWait = TimeSpan.FromSeconds(10), GroupInterval = Interval },
            new RouteConfig { Receiver = "dev", Matchers = [MatcherParser.Parse("team=~\"x|y\"")], GroupBy = ["alertname"], GroupWait = TimeSpan.FromSeconds(20), GroupInterval = Interval },
        ]));
        await Put(Firing("alertname", "A", "team", "x"));

        // The fake clock runs due timers with the time already at the end of an Advance: step per timer.
        _clock.Advance(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(10));

        var calls = _notify.Take();
        Assert.Equal(["ops", "dev"], calls.Select(c => c.Context.ReceiverName));
        Assert.Equal(["{}/{team=\"x\"}:{alertname=\"A\"}", "{}/{team=~\"x|y\"}:{alertname=\"A\"}"], calls.Select(c => c.Context.GroupKey));
        Assert.Equal(["{}/{team=\"x\"}/0", "{}/{team=~\"x|y\"}/1"], calls.Select(c => c.Context.RouteId));
        Assert.Equal([Epoch.AddSeconds(10), Epoch.AddSeconds(20)], calls.Select(c => c.Context.Now));
    }

    [Fact]
    public async Task NestedRoutes_NoChildMatches_ParentFormsGroup()
    {
        await Restart(Root(routes:
            new RouteConfig
            {
                Receiver = "team", Matchers = [MatcherParser.Parse("team=\"x\"")], GroupBy = ["alertname"], GroupWait = Wait, GroupInterval = Interval,
                Routes = [new RouteConfig { Receiver = "db", Matchers = [MatcherParser.Parse("service=\"db\"")], GroupWait = Wait, GroupInterval = Interval }],
            }));
        await Put(Firing("alertname", "A", "team", "x", "service", "web"), Firing("alertname", "A", "team", "x", "service", "db"));

        _clock.Advance(Wait);

        Assert.Equal(
            ["db {}/{team=\"x\"}/{service=\"db\"}:{}", "team {}/{team=\"x\"}:{alertname=\"A\"}"],
            _notify.Take().Select(c => $"{c.Context.ReceiverName} {c.Context.GroupKey}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SlowNotify_TickDuringFlush_NoOverlapAndFlushesRightAfter()
    {
        // Without RunContinuationsAsynchronously, SetResult finishes the flush on this thread.
        var release = new TaskCompletionSource<bool>();
        _notify.Gate = _ => release.Task;
        await Put(Firing("alertname", "A"));
        _clock.Advance(Wait);
        Assert.Single(_notify.Take());

        _clock.Advance(Interval * 3); // three ticks come due while the first notify still runs

        Assert.Empty(_notify.Take());
        _notify.Gate = null;
        release.SetResult(true);
        var late = Assert.Single(_notify.Take()); // one remembered tick, not three
        Assert.Equal(Epoch + Wait + (Interval * 3), late.Context.Now);
        _clock.Advance(Interval);
        Assert.Single(_notify.Take());
    }

    [Fact]
    public async Task SlowNotify_PastGroupInterval_TokenCancelled()
    {
        _notify.Gate = token => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => false, TaskScheduler.Default);
        await Put(Firing("alertname", "A"));
        _clock.Advance(Wait);
        var first = Assert.Single(_notify.Take());

        _clock.Advance(Interval);

        Assert.True(first.Token.IsCancellationRequested);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(300, 300)]
    public void NotifyTimeout_Default_IsGroupIntervalButAtLeastTenSeconds(int intervalSeconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new DispatcherOptions().NotifyTimeout(TimeSpan.FromSeconds(intervalSeconds)));
    }

    [Fact]
    public async Task Stop_ThenTimersDue_NothingSent()
    {
        await Put(Firing("alertname", "A"));

        _dispatcher.Stop();
        _clock.Advance(Wait * 4);

        Assert.Empty(_notify.Take());
    }

    [Fact]
    public async Task Stop_NotifyInFlight_Cancelled()
    {
        _notify.Gate = _ => new TaskCompletionSource<bool>().Task;
        await Put(Firing("alertname", "A"));
        _clock.Advance(Wait);
        var call = Assert.Single(_notify.Take());

        _dispatcher.Stop();

        Assert.True(call.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Restart_StoredAlerts_ReplayedAndOldOnesFlushImmediately()
    {
        await Put(Firing("alertname", "A"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        _notify.Take();

        await Restart(Root(groupBy: ["alertname"]));

        var call = Assert.Single(_notify.Take());
        Assert.Equal(Epoch + TimeSpan.FromMinutes(2), call.Context.Now);
    }

    [Fact]
    public async Task ResolvedAlert_FiringAgainDuringFlush_NotForgotten()
    {
        var release = new TaskCompletionSource<bool>();
        await Put(Firing("alertname", "A") with { EndsAt = Epoch + TimeSpan.FromSeconds(1) });
        _notify.Gate = _ => release.Task;
        _clock.Advance(Wait);
        Assert.NotEqual(DateTimeOffset.MinValue, Assert.Single(Assert.Single(_notify.Take()).Alerts).EndsAt);

        await Put(Firing("alertname", "A")); // fires again while the resolved notification is out
        release.SetResult(true);
        _notify.Gate = null;
        _clock.Advance(Interval);

        var alert = Assert.Single(Assert.Single(_notify.Take()).Alerts);
        Assert.Equal(DateTimeOffset.MinValue, alert.EndsAt);
    }

    [Fact]
    public async Task Groups_TwoRoutes_SortedWithReceiversPerAlert()
    {
        await Restart(Root(routes:
        [
            new RouteConfig { Receiver = "b-team", Matchers = [MatcherParser.Parse("team=\"x\"")], Continue = true, GroupBy = ["alertname"] },
            new RouteConfig { Receiver = "a-team", Matchers = [MatcherParser.Parse("team=\"x\"")], GroupBy = ["alertname"] },
        ]));
        var a = Firing("alertname", "A", "team", "x");
        await Put(a, Firing("alertname", "B"));

        var result = _dispatcher.Groups(_ => true, (_, _) => true);

        Assert.Equal(
            ["{alertname=\"A\"} a-team", "{alertname=\"A\"} b-team", "{alertname=\"B\"} default"],
            result.Groups.Select(g => $"{g.Labels} {g.Receiver}"));
        Assert.Equal(["a-team", "b-team"], result.Receivers[a.Fingerprint]);
    }

    [Fact]
    public async Task Groups_Filters_ApplyToRoutesAndAlerts()
    {
        await Put(Firing("alertname", "A", "x", "1"), Firing("alertname", "A", "x", "2"), Firing("alertname", "B"));

        var result = _dispatcher.Groups(r => r.Receiver == "default", (alert, _) => alert.Labels.Get("x") == "2");

        var group = Assert.Single(result.Groups);
        Assert.Equal("{}:{alertname=\"A\"}", group.GroupKey);
        Assert.Equal("2", Assert.Single(group.Alerts).Labels.Get("x"));
        Assert.Empty(_dispatcher.Groups(r => r.Receiver == "none", (_, _) => true).Groups);
    }
}
