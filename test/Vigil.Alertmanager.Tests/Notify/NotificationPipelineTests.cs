using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.TimeIntervals;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class NotificationPipelineTests : IDisposable
{
    private readonly PipelineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ExecuteAsync_FirstFlush_SendsToEveryIntegrationWithContext()
    {
        var slack = _h.Notifier();
        var hook = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false), new("team", "webhook", 0, hook, true)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A"), TestAlerts.Firing("A", "x", "1")]);

        Assert.True(ok);
        var call = Assert.Single(slack.Calls);
        Assert.Equal(2, call.Alerts.Count);
        Assert.Equal("team", call.Context.ReceiverName);
        Assert.Equal("slack", call.Context.IntegrationName);
        Assert.Equal("http://am.example:9093", call.Context.ExternalUrl);
        Assert.Equal("{}:{alertname=\"A\"}", call.Context.GroupKey);
        Assert.Equal(NotifyReason.FirstNotification, call.Context.Reason);
        Assert.Single(hook.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_ReceiverWithoutIntegrations_Succeeds()
    {
        var pipeline = _h.Build([]);

        Assert.True(await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]));
    }

    [Fact]
    public async Task ExecuteAsync_RepeatAfterInterval_ContextSaysWhy()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        await _h.RunAsync(pipeline, _h.Flush(TimeSpan.FromHours(1)), [TestAlerts.Firing("A")]);
        _h.Time.Advance(TimeSpan.FromHours(2));
        await _h.RunAsync(pipeline, _h.Flush(TimeSpan.FromHours(1)), [TestAlerts.Firing("A")]);

        Assert.Equal(NotifyReason.RepeatIntervalElapsed, slack.Calls.Last().Context.Reason);
    }

    [Fact]
    public async Task ExecuteAsync_SameAlertsWithinRepeatInterval_SendsOnce()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);
        var alerts = new[] { TestAlerts.Firing("A") };

        await _h.RunAsync(pipeline, _h.Flush(), alerts);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var ok = await _h.RunAsync(pipeline, _h.Flush(), alerts);

        Assert.True(ok);
        Assert.Single(slack.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_RepeatIntervalElapsed_SendsAgain()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);
        var alerts = new[] { TestAlerts.Firing("A") };

        await _h.RunAsync(pipeline, _h.Flush(TimeSpan.FromHours(1)), alerts);
        _h.Time.Advance(TimeSpan.FromMinutes(61));
        await _h.RunAsync(pipeline, _h.Flush(TimeSpan.FromHours(1)), alerts);

        Assert.Equal(2, slack.Calls.Count);
    }

    [Fact]
    public async Task ExecuteAsync_NewAlertInGroup_SendsAgain()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A"), TestAlerts.Firing("A", "x", "2")]);

        Assert.Equal(2, slack.Calls.Count);
        Assert.Equal(2, slack.Calls.Last().Alerts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_SendResolvedOff_ResolvedAlertsNotSentButLogged()
    {
        var slack = _h.Notifier();
        var integration = new Integration("team", "slack", 0, slack, SendResolved: false);
        var pipeline = _h.Build([integration]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A"), TestAlerts.Firing("A", "x", "2")]);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Resolved("A"), TestAlerts.Resolved("A", "x", "2")]);

        Assert.True(ok);
        Assert.Single(slack.Calls);
        var entry = _h.Log.Query(integration.Key, _h.Flush().GroupKey);
        Assert.NotNull(entry);
        Assert.Empty(entry.FiringAlerts);
        Assert.Equal(2, entry.ResolvedAlerts.Count);
    }

    [Fact]
    public async Task ExecuteAsync_SendResolvedOffMixedFlush_SendsOnlyFiring()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, SendResolved: false)]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A"), TestAlerts.Resolved("A", "x", "2")]);

        var call = Assert.Single(slack.Calls);
        Assert.Equal(TestAlerts.Firing("A").Fingerprint, Assert.Single(call.Alerts).Fingerprint);
    }

    [Fact]
    public async Task ExecuteAsync_SendResolvedOn_AllResolvedSentOnceThenQuiet()
    {
        var hook = _h.Notifier();
        var pipeline = _h.Build([new("team", "webhook", 0, hook, SendResolved: true)]);
        var resolved = new[] { TestAlerts.Resolved("A") };

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.RunAsync(pipeline, _h.Flush(), resolved);
        _h.Time.Advance(TimeSpan.FromHours(5));
        await _h.RunAsync(pipeline, _h.Flush(), resolved);

        Assert.Equal(2, hook.Calls.Count);
        Assert.True(hook.Calls.Last().Alerts.Single().ResolvedAt(_h.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ExecuteAsync_OnlyResolvedNeverNotified_SendsNothing()
    {
        var hook = _h.Notifier();
        var pipeline = _h.Build([new("team", "webhook", 0, hook, SendResolved: true)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Resolved("A")]);

        Assert.True(ok);
        Assert.Empty(hook.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_InhibitorAndSilencers_FilterMutedAlertsAndCount()
    {
        var slack = _h.Notifier();
        var inhibitor = new LabelMuter("x", "inhibited");
        var silencer = new LabelMuter("x", "silenced");
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)], inhibitor, [silencer]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A", "x", "inhibited"), TestAlerts.Firing("A", "x", "silenced"), TestAlerts.Firing("A", "x", "free")]);

        var sent = Assert.Single(Assert.Single(slack.Calls).Alerts);
        Assert.Equal("free", sent.Labels.Get("x"));
        Assert.Equal(3, inhibitor.Calls);
        Assert.Equal(2, silencer.Calls);
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_suppressed_total{reason=\"inhibition\"}"));
        Assert.Equal(1, _h.Metrics.Sum("alertmanager_notifications_suppressed_total{reason=\"silence\"}"));
    }

    [Fact]
    public async Task ExecuteAsync_AllMuted_SendsNothingAndSucceeds()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)], silencers: [new LabelMuter("alertname", "A")]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.True(ok);
        Assert.Empty(slack.Calls);
        Assert.Null(_h.Log.Query("team/slack/0", _h.Flush().GroupKey));
    }

    // T0 is Monday 2026-03-02 10:00 UTC.
    [Theory]
    [InlineData("mute", "monday", 0)]
    [InlineData("mute", "weekend", 1)]
    [InlineData("active", "monday", 1)]
    [InlineData("active", "weekend", 0)]
    public async Task ExecuteAsync_TimeIntervals_MuteOrLetThrough(string kind, string interval, int expectedCalls)
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)], intervals: Intervals());
        var flush = _h.Flush() with
        {
            MuteTimeIntervals = kind == "mute" ? [interval] : [],
            ActiveTimeIntervals = kind == "active" ? [interval] : [],
        };

        var ok = await _h.RunAsync(pipeline, flush, [TestAlerts.Firing("A")]);

        Assert.True(ok);
        Assert.Equal(expectedCalls, slack.Calls.Count);
        Assert.Equal(expectedCalls == 0 ? [interval] : [], _h.Marker.Muted(flush.RouteId, flush.GroupKey));
    }

    [Fact]
    public async Task ExecuteAsync_UnknownTimeInterval_FailsTheFlush()
    {
        var slack = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)], intervals: Intervals());

        var ok = await _h.RunAsync(pipeline, _h.Flush() with { MuteTimeIntervals = ["nope"] }, [TestAlerts.Firing("A")]);

        Assert.False(ok);
        Assert.Empty(slack.Calls);
        Assert.Contains("nope", _h.Logger.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_UnknownReceiver_ReturnsFalse()
    {
        var pipeline = _h.Build([new("team", "slack", 0, _h.Notifier(), false)]);

        var ok = await _h.RunAsync(pipeline, TestAlerts.Flush(_h.Time.GetUtcNow(), receiver: "other"), [TestAlerts.Firing("A")]);

        Assert.False(ok);
    }

    [Fact]
    public async Task ExecuteAsync_OneIntegrationFails_OthersDeliveredAndOnlyTheyAreLogged()
    {
        var slack = _h.Notifier();
        slack.Default = NotifyResult.FromHttpStatus(403, "invalid_token");
        var hook = _h.Notifier();
        var pipeline = _h.Build([new("team", "slack", 0, slack, false), new("team", "webhook", 0, hook, false)]);

        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.False(ok);
        Assert.Single(hook.Calls);
        Assert.Null(_h.Log.Query("team/slack/0", _h.Flush().GroupKey));
        Assert.NotNull(_h.Log.Query("team/webhook/0", _h.Flush().GroupKey));
    }

    [Fact]
    public async Task ExecuteAsync_FailedIntegration_RetriedOnNextFlush()
    {
        var slack = _h.Notifier().Then(NotifyResult.FromHttpStatus(400, "invalid_payload"));
        var pipeline = _h.Build([new("team", "slack", 0, slack, false)]);

        await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var ok = await _h.RunAsync(pipeline, _h.Flush(), [TestAlerts.Firing("A")]);

        Assert.True(ok);
        Assert.Equal(2, slack.Calls.Count);
    }

    [Fact]
    public async Task AsNotifyFunc_CallsThePipeline()
    {
        var slack = _h.Notifier();
        var notify = _h.Build([new("team", "slack", 0, slack, false)]).AsNotifyFunc();

        var ok = await notify(_h.Flush(), [TestAlerts.Firing("A")], CancellationToken.None);

        Assert.True(ok);
        Assert.Single(slack.Calls);
    }

    private static TimeIntervalSet Intervals() => new(
    [
        new TimeIntervalConfig { Name = "monday", Periods = [new TimePeriod { Weekdays = [new IntRange(1, 1)] }] },
        new TimeIntervalConfig { Name = "weekend", Periods = [new TimePeriod { Weekdays = [new IntRange(6, 6), new IntRange(0, 0)] }] },
    ]);
}
