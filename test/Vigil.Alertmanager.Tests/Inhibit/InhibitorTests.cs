using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Inhibit;
using Vigil.Model;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Inhibit;

public sealed class InhibitorTests : IDisposable
{
    private readonly FakeTimeProvider _clock = Clock();
    private readonly AlertMarker _marker = new();
    private readonly AlertStore _store;

    public InhibitorTests() => _store = new AlertStore(_clock, _marker, TimeSpan.FromHours(10));

    public void Dispose() => _store.Dispose();

    private static InhibitRuleConfig Rule(string source, string target, params string[] equal) => new()
    {
        SourceMatchers = MatcherParser.ParseList(source),
        TargetMatchers = MatcherParser.ParseList(target),
        Equal = equal,
    };

    private async Task<Inhibitor> Start(InhibitRuleConfig rule, params Alert[] alerts)
    {
        var inhibitor = new Inhibitor([rule], _store, _marker, _clock);
        inhibitor.Start();
        _store.Put(alerts);
        await inhibitor.WhenIdleAsync();
        return inhibitor;
    }

    private Alert Firing(params string[] labels) => Vigil.Alertmanager.Tests.Alerts.TestAlerts.Firing(_clock, labels) with { EndsAt = _clock.GetUtcNow().AddHours(1) };

    [Fact]
    public async Task Mutes_FiringSourceWithEqualLabel_MutesTargetAndMarks()
    {
        var source = Firing("alertname", "NodeDown", "severity", "critical", "cluster", "c1");
        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\"", "cluster"), source);
        var target = L("alertname", "Slow", "severity", "warning", "cluster", "c1");

        Assert.True(inhibitor.Mutes(target));

        var status = _marker.Status(target.Fingerprint);
        Assert.Equal(AlertState.Suppressed, status.State);
        Assert.Equal([source.Fingerprint.ToString()], status.InhibitedBy);
    }

    // Equal-label semantics: values compared with "" for an absent label, so absent on both sides is equal.
    [Theory]
    [InlineData(new[] { "cluster", "c1" }, new[] { "cluster", "c1" }, true)]
    [InlineData(new[] { "cluster", "c1" }, new[] { "cluster", "c2" }, false)]
    [InlineData(new[] { "cluster", "c1" }, new string[0], false)]
    [InlineData(new string[0], new[] { "cluster", "c1" }, false)]
    [InlineData(new string[0], new string[0], true)]
    public async Task Mutes_EqualLabelPresence_AbsentOnBothSidesCountsAsEqual(string[] sourceExtra, string[] targetExtra, bool muted)
    {
        using var inhibitor = await Start(
            Rule("severity=\"critical\"", "severity=\"warning\"", "cluster"),
            Firing(["alertname", "S", "severity", "critical", .. sourceExtra]));

        Assert.Equal(muted, inhibitor.Mutes(L(["alertname", "T", "severity", "warning", .. targetExtra])));
    }

    [Fact]
    public async Task Mutes_SourceResolved_StopsInhibitingAndClearsMark()
    {
        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\""), Firing("alertname", "S", "severity", "critical"));
        var target = L("alertname", "T", "severity", "warning");
        Assert.True(inhibitor.Mutes(target));

        _store.Put([Firing("alertname", "S", "severity", "critical") with { EndsAt = _clock.GetUtcNow() }]);
        await inhibitor.WhenIdleAsync();

        Assert.False(inhibitor.Mutes(target));
        Assert.Equal(AlertState.Active, _marker.Status(target.Fingerprint).State);
    }

    [Fact]
    public async Task Mutes_SourceTimesOut_StopsInhibitingWithoutAnUpdate()
    {
        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\""), Firing("alertname", "S", "severity", "critical"));

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.False(inhibitor.Mutes(L("alertname", "T", "severity", "warning")));
    }

    [Fact]
    public async Task Mutes_AlertMatchingSourceAndTarget_DoesNotInhibitItself()
    {
        var both = Firing("alertname", "X", "a", "1", "b", "1");
        using var inhibitor = await Start(Rule("a=\"1\"", "b=\"1\""), both);

        Assert.False(inhibitor.Mutes(both.Labels));
    }

    [Fact]
    public async Task Mutes_TwoSidedTargetWithPlainSource_Inhibited()
    {
        // A two-sided target is still muted by a source that matches only the source side.
        using var inhibitor = await Start(Rule("a=\"1\"", "b=\"1\""), Firing("alertname", "S", "a", "1"));

        Assert.True(inhibitor.Mutes(L("alertname", "X", "a", "1", "b", "1")));
    }

    [Fact]
    public async Task Mutes_TargetNotMatching_NotMuted()
    {
        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\""), Firing("alertname", "S", "severity", "critical"));

        Assert.False(inhibitor.Mutes(L("alertname", "T", "severity", "info")));
    }

    [Fact]
    public async Task Start_AlertsStoredBefore_SeenAsSources()
    {
        _store.Put([Firing("alertname", "S", "severity", "critical")]);

        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\""));

        Assert.True(inhibitor.Mutes(L("alertname", "T", "severity", "warning")));
    }

    [Fact]
    public async Task CollectGarbage_ResolvedSources_LeaveCache()
    {
        using var inhibitor = await Start(Rule("severity=\"critical\"", "severity=\"warning\""), Firing("alertname", "S", "severity", "critical") with { EndsAt = _clock.GetUtcNow().AddMinutes(1) });
        Assert.Equal(1, inhibitor.Rules[0].CachedSources);

        _clock.Advance(Inhibitor.CacheGcInterval);

        Assert.Equal(0, inhibitor.Rules[0].CachedSources);
    }

    [Fact]
    public async Task Mutes_SeveralEqualLabels_AllMustMatch()
    {
        using var inhibitor = await Start(
            Rule("severity=\"critical\"", "severity=\"warning\"", "cluster", "zone"),
            Firing("alertname", "S", "severity", "critical", "cluster", "c1", "zone", "z1"));

        Assert.True(inhibitor.Mutes(L("alertname", "T", "severity", "warning", "cluster", "c1", "zone", "z1")));
        Assert.False(inhibitor.Mutes(L("alertname", "T", "severity", "warning", "cluster", "c1", "zone", "z2")));
        Assert.False(inhibitor.Mutes(L("alertname", "T", "severity", "warning", "cluster", "c1")));
    }

    [Fact]
    public async Task Mutes_ValuesThatConcatenateAlike_NotConfused()
    {
        using var inhibitor = await Start(
            Rule("severity=\"critical\"", "severity=\"warning\"", "a", "b"),
            Firing("alertname", "S", "severity", "critical", "a", "x1", "b", "2"));

        Assert.False(inhibitor.Mutes(L("alertname", "T", "severity", "warning", "a", "x", "b", "12")));
    }

    [Fact]
    public async Task Mutes_SecondRuleInhibits_MarksWithItsSource()
    {
        var inhibitor = new Inhibitor(
            [Rule("alertname=\"Never\"", "severity=\"warning\""), Rule("alertname=\"S\"", "severity=\"warning\"")],
            _store, _marker, _clock);
        inhibitor.Start();
        var source = Firing("alertname", "S");
        _store.Put([source]);
        await inhibitor.WhenIdleAsync();
        var target = L("alertname", "T", "severity", "warning");

        Assert.True(inhibitor.Mutes(target));
        Assert.Equal([source.Fingerprint.ToString()], _marker.Status(target.Fingerprint).InhibitedBy);
        inhibitor.Stop();
    }
}
