using Microsoft.Extensions.Time.Testing;

namespace Vigil.Rules.Tests.Evaluation;

/// <summary>
/// A fake clock whose timers fire <see cref="Early"/> before they are due (those due sooner fire on time), as
/// real timers may: due times are rounded to milliseconds and measured on a coarse tick count. It counts the
/// timers created and fired and remembers when the latest one fires, so a test can step from timer to timer
/// and know when the code under test is waiting again.
/// </summary>
internal sealed class EarlyTimerTimeProvider(FakeTimeProvider fake, TimeSpan early) : TimeProvider
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
