using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Relabel;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Tests.Loop;

namespace Vigil.Scrape.Tests;

public sealed class ScrapeManagerTests
{
    private readonly FakeExporter _exporter = new() { Body = "a 1\n" };
    private readonly RecordingStorage _storage = new();
    private readonly FakeTimeProvider _time = new(LoopFixture.Start);

    private ScrapeManager NewManager() => new(_storage.Appender, new HttpClient(_exporter), _time);

    [Fact]
    public async Task Apply_TwoJobs_StartsOneLoopPerTarget()
    {
        await using var manager = NewManager();

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1", "h2:1"), LoopFixture.NewConfig("b", "h3:1")]);

        var active = manager.ActiveTargets();
        Assert.Equal(["a", "a", "b"], active.Select(t => t.Target.Job));
        Assert.All(active, t => Assert.Equal(HealthState.Unknown, t.Health.Health));
    }

    [Fact]
    public async Task Apply_UnchangedReloadedConfig_KeepsRunningLoopAndItsHealth()
    {
        await using var manager = NewManager();
        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);
        _time.Advance(TimeSpan.FromSeconds(15));
        await _storage.CommitsReached(1);
        var before = manager.ActiveTargets()[0];

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);

        var after = manager.ActiveTargets()[0];
        Assert.Equal(HealthState.Up, after.Health.Health);
        Assert.Same(before.Options, after.Options);
        Assert.DoesNotContain(_storage.Committed, s => s.IsStale);
    }

    [Fact]
    public async Task Apply_TargetRemoved_StopsLoopAndMarksItsSeriesStale()
    {
        await using var manager = NewManager();
        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1", "h2:1")]);
        _time.Advance(TimeSpan.FromSeconds(15));
        await _storage.CommitsReached(2);

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);

        Assert.Single(manager.ActiveTargets());
        var stale = _storage.Committed.Where(s => s.IsStale).Select(s => s.Labels.Get("instance")).Distinct();
        Assert.Equal(["h2:1"], stale);
    }

    [Fact]
    public async Task Apply_ChangedSettings_ReplacesLoop()
    {
        await using var manager = NewManager();
        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1")]);
        var before = manager.ActiveTargets()[0];

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1") with { HonorLabels = true }]);

        var after = manager.ActiveTargets()[0];
        Assert.NotSame(before.Options, after.Options);
        Assert.True(after.Options.Config.HonorLabels);
    }

    [Fact]
    public async Task Apply_RelabelDrop_ListsDroppedTarget()
    {
        await using var manager = NewManager();
        var drop = new RelabelConfig { SourceLabels = ["__address__"], Regex = "h2:1", Action = RelabelAction.Drop };

        await manager.ApplyAsync([LoopFixture.NewConfig("a", "h1:1", "h2:1") with { RelabelConfigs = [drop] }]);

        Assert.Single(manager.ActiveTargets());
        Assert.Equal("h2:1", Assert.Single(manager.DroppedTargets()).DiscoveredLabels.Get("__address__"));
    }
}
