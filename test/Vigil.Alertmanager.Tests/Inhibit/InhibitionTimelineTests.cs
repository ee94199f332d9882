using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Dispatch;
using Vigil.Alertmanager.Inhibit;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Tests.NotifyCore;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Inhibit;

/// <summary>
/// Store, inhibitor, dispatcher and notification pipeline together on a fake clock, replaying the
/// integration scenario <c>inhibit-resolved-source</c> at its exact timings (group_wait 1s,
/// group_interval 2s), to tell a behaviour difference from scheduling jitter on a loaded machine.
/// </summary>
public sealed class InhibitionTimelineTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private readonly PipelineHarness _h = new();
    private readonly AlertStore _store;
    private readonly FakeNotifier _hook;
    private readonly Inhibitor _inhibitor;
    private readonly Dispatcher _dispatcher;

    public InhibitionTimelineTests()
    {
        var marker = new AlertMarker();
        _store = new AlertStore(_h.Time, marker, TimeSpan.FromHours(10));
        _hook = _h.Notifier();
        var rule = new InhibitRuleConfig
        {
            SourceMatchers = MatcherParser.ParseList("severity=\"critical\""),
            TargetMatchers = MatcherParser.ParseList("severity=~\"warn.*|info\""),
            Equal = ["cluster"],
        };
        _inhibitor = new Inhibitor([rule], _store, marker, _h.Time);
        var pipeline = _h.Build([new Integration("team", "webhook", 0, _hook, SendResolved: true)], _inhibitor);
        var route = Route.Build(new RouteConfig
        {
            Receiver = "team",
            GroupBy = [LabelName.AlertName],
            GroupWait = TimeSpan.FromSeconds(1),
            GroupInterval = TimeSpan.FromSeconds(2),
            RepeatInterval = TimeSpan.FromHours(1),
        });
        _dispatcher = new Dispatcher(route, _store, pipeline.AsNotifyFunc(), _h.Time);
        _inhibitor.Start();
        _dispatcher.Start();
    }

    public void Dispose()
    {
        _dispatcher.Stop();
        _inhibitor.Dispose();
        _store.Dispose();
        _h.Dispose();
    }

    /// <summary>Resolve posts at 3.5s (ended at 3.0s, between the 3s and 5s ticks); 3.0s sits on a tick, ended just before it.</summary>
    [Theory]
    [InlineData(3.5, 3.0)]
    [InlineData(3.0, 2.99)]
    [InlineData(4.99, 4.5)]
    public async Task ResolvedSource_BetweenTicks_TargetDeliveredAtNextTickWithSourceResolved(double postAt, double endedAt)
    {
        var start = _h.Time.GetUtcNow();
        await PostAsync(
            Alert(start, null, "alertname", "Crit", "severity", "critical", "cluster", "a"),
            Alert(start, null, "alertname", "Warn", "severity", "warning", "cluster", "a"),
            Alert(start, null, "alertname", "Warn", "severity", "warning", "cluster", "b"));
        await RunUntilAsync(start.AddSeconds(postAt));
        await PostAsync(Alert(start, start.AddSeconds(endedAt), "alertname", "Crit", "severity", "critical", "cluster", "a"));
        await RunUntilAsync(start.AddSeconds(6.5));

        Assert.Equal(
        [
            "1.00 firing {alertname=\"Crit\", cluster=\"a\", severity=\"critical\"}",
            "1.00 firing {alertname=\"Warn\", cluster=\"b\", severity=\"warning\"}",
            "5.00 resolved {alertname=\"Crit\", cluster=\"a\", severity=\"critical\"}",
            "5.00 firing {alertname=\"Warn\", cluster=\"a\", severity=\"warning\"} {alertname=\"Warn\", cluster=\"b\", severity=\"warning\"}",
        ], Deliveries(start));
    }

    private Alert Alert(DateTimeOffset startsAt, DateTimeOffset? endsAt, params string[] labels)
    {
        var now = _h.Time.GetUtcNow();
        // As the API stores a posted alert: without an end, it ends after resolve_timeout (5m).
        return new Alert
        {
            Labels = LabelSet.Of(labels),
            StartsAt = startsAt,
            EndsAt = endsAt ?? now.AddMinutes(5),
            UpdatedAt = now,
            Timeout = endsAt is null,
        };
    }

    private async Task PostAsync(params Alert[] alerts)
    {
        _store.Put(alerts);
        await _inhibitor.WhenIdleAsync();
        await _dispatcher.WhenIdleAsync();
    }

    /// <summary>Moves the clock in small steps, letting timers and subscriptions run after each.</summary>
    private async Task RunUntilAsync(DateTimeOffset until)
    {
        while (_h.Time.GetUtcNow() < until)
        {
            _h.Time.Advance(Step);
            await _inhibitor.WhenIdleAsync();
            await _dispatcher.WhenIdleAsync();
        }
    }

    private List<string> Deliveries(DateTimeOffset start) =>
    [
        .. _hook.Calls.Select(call =>
        {
            var at = (call.At - start).TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            var status = call.Alerts.All(a => a.ResolvedAt(call.At)) ? "resolved" : "firing";
            return $"{at} {status} {string.Join(' ', call.Alerts.Select(a => a.Labels.ToString()))}";
        }),
    ];
}
