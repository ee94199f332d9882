namespace Vigil.Storage.Pooling;

/// <summary>
/// Keeps a few large, reusable objects (sample buffers, per-series maps) between the operations that need
/// them one after another, so a query or a scrape commit does not allocate them afresh on the large-object
/// heap each time. Bounded twice: only <c>maxKept</c> objects are kept, and none that <c>keep</c> rejects
/// (one grown by an unusually big operation should not stay pinned forever). Optionally released when idle:
/// with a <see cref="TimeProvider"/> and an idle period, the kept objects are dropped once nobody rented or
/// returned one for that long, so a burst of work does not hold its buffers for the rest of the process's life.
/// Thread-safe.
/// </summary>
/// <typeparam name="T">The pooled object type.</typeparam>
public sealed class BoundedPool<T>
    where T : class
{
    private readonly Stack<T> _kept = new();
    private readonly int _maxKept;
    private readonly Func<T> _create;
    private readonly Func<T, bool> _keep;
    private readonly Action<T> _reset;
    private readonly TimeProvider? _time;
    private readonly TimeSpan _releaseAfterIdle;
    private readonly Action<int>? _released;
    private long _lastUse;
    private ITimer? _idleTimer;

    /// <summary>A pool that keeps its objects for as long as it lives.</summary>
    /// <param name="maxKept">How many idle objects are kept at most.</param>
    /// <param name="create">Makes a new object when none is kept.</param>
    /// <param name="keep">Whether a returned object is worth keeping (checked before it is reset).</param>
    /// <param name="reset">Empties a returned object, so a kept one holds nothing alive.</param>
    public BoundedPool(int maxKept, Func<T> create, Func<T, bool> keep, Action<T> reset)
    {
        _maxKept = maxKept;
        _create = create;
        _keep = keep;
        _reset = reset;
    }

    /// <summary>A pool that drops its kept objects after <paramref name="releaseAfterIdle"/> without use.</summary>
    /// <param name="maxKept">How many idle objects are kept at most.</param>
    /// <param name="create">Makes a new object when none is kept.</param>
    /// <param name="keep">Whether a returned object is worth keeping (checked before it is reset).</param>
    /// <param name="reset">Empties a returned object, so a kept one holds nothing alive.</param>
    /// <param name="time">The clock idleness is measured with.</param>
    /// <param name="releaseAfterIdle">How long the pool must go unused before its objects are dropped.</param>
    /// <param name="released">Called (outside the pool's lock) with how many objects an idle release dropped.</param>
    public BoundedPool(int maxKept, Func<T> create, Func<T, bool> keep, Action<T> reset, TimeProvider time, TimeSpan releaseAfterIdle, Action<int>? released = null)
        : this(maxKept, create, keep, reset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(releaseAfterIdle, TimeSpan.Zero);
        _time = time;
        _releaseAfterIdle = releaseAfterIdle;
        _released = released;
    }

    /// <summary>How many objects are kept right now.</summary>
    public int KeptCount
    {
        get
        {
            lock (_kept)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>A kept object when there is one, otherwise a new one.</summary>
    public T Rent()
    {
        lock (_kept)
        {
            Touch();
            if (_kept.TryPop(out var item))
            {
                return item;
            }
        }
        return _create();
    }

    /// <summary>Takes back <paramref name="item"/>; the caller must not use it (or any span over it) after this.</summary>
    public void Return(T item)
    {
        if (!_keep(item))
        {
            return;
        }
        _reset(item);
        lock (_kept)
        {
            Touch();
            if (_kept.Count < _maxKept)
            {
                _kept.Push(item);
                ArmIdleTimer();
            }
        }
    }

    private void Touch()
    {
        if (_time is not null)
        {
            _lastUse = _time.GetTimestamp();
        }
    }

    /// <summary>One timer at a time, and only while something is kept: an unused pool costs no wake-ups.</summary>
    private void ArmIdleTimer()
    {
        if (_time is not null && _idleTimer is null)
        {
            _idleTimer = _time.CreateTimer(_ => ReleaseIfIdle(), null, _releaseAfterIdle, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReleaseIfIdle()
    {
        int dropped;
        lock (_kept)
        {
            if (_idleTimer is null)
            {
                return;
            }
            var idle = _time!.GetElapsedTime(_lastUse);
            if (idle < _releaseAfterIdle)
            {
                // Used since the timer was set: look again when the pool will have been idle long enough.
                _idleTimer.Change(_releaseAfterIdle - idle, Timeout.InfiniteTimeSpan);
                return;
            }
            dropped = _kept.Count;
            _kept.Clear();
            _idleTimer.Dispose();
            _idleTimer = null;
        }
        if (dropped > 0)
        {
            _released?.Invoke(dropped);
        }
    }
}
