using Microsoft.Extensions.Time.Testing;

namespace Vigil.Alertmanager.Tests.NotifyCore;

/// <summary>
/// A fake clock that knows how many of its timers are still waiting, so a test can move time on
/// only while the code under test is actually waiting for it (continuations after a timer fires
/// may run on another thread, and advancing meanwhile would skip ahead).
/// </summary>
internal sealed class TrackingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private int _pending;

    /// <summary>Timers created and neither fired nor disposed.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = fake.CreateTimer(s => { tracked.Done(); callback(s); }, state, dueTime, period);
        // Counted only once the fake clock knows the timer: counting earlier would let the test
        // advance the clock before the timer's due time is fixed, pushing it later.
        Interlocked.Increment(ref _pending);
        return tracked;
    }

    private sealed class TrackedTimer(TrackingTimeProvider owner) : ITimer
    {
        private int _done;

        public ITimer Inner { get; set; } = null!;

        public void Done()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._pending);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Done();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Done();
            return Inner.DisposeAsync();
        }
    }
}
