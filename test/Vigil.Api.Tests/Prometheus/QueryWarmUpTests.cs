using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Cli;
using Vigil.PrometheusHost;
using Vigil.PrometheusHost.WarmUp;

namespace Vigil.Api.Tests.Prometheus;

public sealed class QueryWarmUpTests
{
    private const int QueriesPerRound = 16;

    private static QueryWarmUp WarmUp(int rounds, TimeSpan minPause, FakeTimeProvider? time = null) =>
        new(new QueryWarmUpOptions { MaxRounds = rounds, MinPause = minPause }, time ?? new FakeTimeProvider(), NullLogger.Instance);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunAsync_Rounds_EveryQueryAnswersWithData(int rounds)
    {
        var summary = await WarmUp(rounds, TimeSpan.Zero).RunAsync(CancellationToken.None);

        Assert.Equal(rounds, summary.Rounds);
        Assert.Equal(rounds * QueriesPerRound, summary.Queries);
        Assert.Equal(0, summary.EmptyResults);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringPause_StopsAfterTheRoundsDone()
    {
        using var cancel = new CancellationTokenSource();
        // The first round runs before RunAsync returns; then it waits for a clock that never moves.
        var running = WarmUp(5, TimeSpan.FromHours(1)).RunAsync(cancel.Token);

        Assert.False(running.IsCompleted);
        await cancel.CancelAsync();
        var summary = await running;

        Assert.Equal(1, summary.Rounds);
    }

    [Fact]
    public async Task RunAsync_PauseElapses_NextRoundRuns()
    {
        var time = new FakeTimeProvider();
        var running = WarmUp(2, TimeSpan.FromSeconds(1), time).RunAsync(CancellationToken.None);

        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        var summary = await running;

        Assert.Equal(2, summary.Rounds);
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeStart_RunsNothing()
    {
        var summary = await WarmUp(5, TimeSpan.Zero).RunAsync(new CancellationToken(canceled: true));

        Assert.Equal(0, summary.Rounds);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "--no-query.warm-up" }, false)]
    [InlineData(new[] { "--query.warm-up=false" }, false)]
    public void From_WarmUpFlag_Applied(string[] args, bool expected) =>
        Assert.Equal(expected, PrometheusSettings.From(new FlagParser(PrometheusFlags.All).Parse(args)).QueryWarmUp);

    [Fact]
    public void Flags_WarmUp_HiddenFromHelp() =>
        Assert.True(PrometheusFlags.All.Single(f => f.Name == "query.warm-up").Hidden);
}
