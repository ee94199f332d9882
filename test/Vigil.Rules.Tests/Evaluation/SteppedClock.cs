using Microsoft.Extensions.Time.Testing;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>
/// A fake clock a test steps from timer to timer: it counts the timers created and fired and remembers when the
/// latest one fires, so the test knows when the code under test is waiting again and how far to advance. Its
/// timers can fire <see cref="Early"/> before they are due (those due sooner fire on time), as real timers may:
/// due times are rounded to milliseconds and measured on a coarse tick count.
/// </summary>
internal sealed class SteppedClock(FakeTimeProvider fake, TimeSpan early = default) : TimeProvider
{
    private int _created;
    private int _fired;

    public TimeSpan Early { get; } = early;

    public int Created => Volatile.Read(ref _created);

    public int Fired => Volatile.Read(ref _fired);

    /// <summary>When the most recently created timer fires.</summary>
    public DateTimeOffset NextFire { get; private set; }

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var due = dueTime > Early ? dueTime - Early : dueTime;
        NextFire = fake.GetUtcNow() + due;
        Interlocked.Increment(ref _created);
        return fake.CreateTimer(s =>
        {
            Interlocked.Increment(ref _fired);
            callback(s);
        }, state, due, period);
    }
}

/// <summary>Stepping helpers for <see cref="SteppedClock"/>.</summary>
internal static class SteppedClockExtensions
{
    /// <summary>Every timer that fired has been followed by the next wait: the loop under test is idle again.</summary>
    public static async Task WaitingAgainAsync(this SteppedClock clock)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Created <= clock.Fired)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(20), "the loop under test did not wait again");
            await Task.Yield();
        }
    }

    /// <summary>Moves the clock to the pending timer, fires it, and waits until the loop waits again.</summary>
    public static async Task StepAsync(this SteppedClock clock, FakeTimeProvider fake)
    {
        await clock.WaitingAgainAsync();
        fake.Advance(clock.NextFire - fake.GetUtcNow());
        await clock.WaitingAgainAsync();
    }
}
