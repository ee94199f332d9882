using Vigil.Alertmanager.Notify;

namespace Vigil.Alertmanager.Tests.NotifyCore;

public sealed class BackoffTests
{
    [Fact]
    public void Next_NoJitter_GrowsByMultiplierUpToMax()
    {
        var backoff = (RetryPolicy.Default with { RandomizationFactor = 0 }).Start();

        var waits = Enumerable.Range(0, 14).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        Assert.Equal([500, 750, 1125, 1687.5, 2531.25], waits.Take(5));
        Assert.Equal(60_000, waits[^1]);
        Assert.All(waits, w => Assert.InRange(w, 500, 60_000));
    }

    [Theory]
    [InlineData(0.0, 250)]
    [InlineData(0.5, 500)]
    [InlineData(1.0, 750)]
    public void Next_Jitter_SpreadsHalfEitherSide(double random, double expectedMs)
    {
        var backoff = RetryPolicy.Default.Start(() => random);

        Assert.Equal(expectedMs, backoff.Next().TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData(null, 500)]
    [InlineData(0.1, 500)]
    [InlineData(30.0, 30_000)]
    [InlineData(7200.0, 3_600_000)]
    public void NextAfter_RetryAfter_WaitsAtLeastAskedUpToCap(double? retryAfterSeconds, double expectedMs)
    {
        var backoff = RetryPolicy.Default.Start(() => 0.5);
        TimeSpan? asked = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null;

        Assert.Equal(expectedMs, backoff.NextAfter(asked).TotalMilliseconds, 3);
    }
}
