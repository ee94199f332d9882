using Vigil.Alertmanager.Notify;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class WaitStageTests : IDisposable
{
    private readonly PipelineHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ExecuteAsync_PeerWait_DelaysDeliveryOnTheClock()
    {
        var slack = _h.Notifier();
        var builder = new PipelineBuilder(_h.Log, _h.NotificationMetrics, _h.Attempts, _h.Clock) { PeerWait = () => TimeSpan.FromSeconds(15) };
        var pipeline = builder.Build(new PipelineInputs { Receivers = new Dictionary<string, IReadOnlyList<Integration>> { ["team"] = [new("team", "slack", 0, slack, false)] } });

        var run = pipeline.ExecuteAsync(_h.Flush(), [TestAlerts.Firing("A")], CancellationToken.None);
        _h.Time.Advance(TimeSpan.FromSeconds(14));
        Assert.Empty(slack.Calls);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await run);
        Assert.Single(slack.Calls);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileWaiting_FailsWithoutSending()
    {
        var slack = _h.Notifier();
        var stage = new WaitStage(() => TimeSpan.FromMinutes(1), _h.Clock);
        using var cts = new CancellationTokenSource();
        var context = new PipelineContext(_h.Flush(), "").ForIntegration(new("team", "slack", 0, slack, false));

        var run = stage.ExecuteAsync(context, [TestAlerts.Firing("A")], cts.Token);
        await cts.CancelAsync();

        Assert.False((await run).Succeeded);
    }
}
