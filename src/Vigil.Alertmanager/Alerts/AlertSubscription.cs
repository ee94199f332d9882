using System.Collections.Concurrent;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Alerts;

/// <summary>
/// One subscriber's feed of stored alerts, delivered on the thread pool, one alert at a time, in
/// arrival order.
/// </summary>
/// <remarks>
/// Why coalescing: a subscriber only ever needs the latest version of each alert (the dispatcher
/// and the inhibitor both replace by fingerprint). So while a subscriber is behind, a newer version
/// of an alert replaces the undelivered older one in place. Ingestion never waits for a subscriber,
/// and the backlog can never exceed one entry per distinct alert, i.e. it is bounded by the store's
/// own size. Upstream instead blocks the writer once a 200-slot channel is full.
/// </remarks>
public sealed class AlertSubscription : IDisposable, IThreadPoolWorkItem
{
    private readonly ConcurrentDictionary<Fingerprint, Alert> _pending = new();
    private readonly ConcurrentQueue<Fingerprint> _order = new();
    private readonly Action<Fingerprint, Alert> _handler;
    private readonly Action<Exception>? _onError;
    private readonly Action<AlertSubscription>? _onDispose;
    private readonly Lock _idleGate = new();
    private TaskCompletionSource? _idle;
    private int _scheduled;
    private bool _loading = true;
    private volatile bool _disposed;

    internal AlertSubscription(string name, Action<Fingerprint, Alert> handler, Action<Exception>? onError, Action<AlertSubscription>? onDispose)
    {
        Name = name;
        _handler = handler;
        _onError = onError;
        _onDispose = onDispose;
    }

    /// <summary>Who subscribed (for messages).</summary>
    public string Name { get; }

    /// <summary>How many alerts wait for delivery.</summary>
    public int Backlog => _pending.Count;

    /// <summary>Completes when every alert offered so far has been handed to the handler.</summary>
    public Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            if (IsIdle)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    /// <summary>Stops delivery; alerts not yet delivered are dropped.</summary>
    public void Dispose()
    {
        _disposed = true;
        _onDispose?.Invoke(this);
        _pending.Clear();
        lock (_idleGate)
        {
            _idle?.TrySetResult();
            _idle = null;
        }
    }

    /// <summary>Queues a live update: a newer version replaces an undelivered older one.</summary>
    internal void Offer(Fingerprint fingerprint, Alert alert)
    {
        // The store calls this under its lock for the fingerprint, so only the consumer races us here:
        // if it takes the entry between our two steps, we retry and add (and queue) it afresh.
        while (true)
        {
            if (_pending.TryAdd(fingerprint, alert))
            {
                _order.Enqueue(fingerprint);
                break;
            }
            if (_pending.TryGetValue(fingerprint, out var queued) && _pending.TryUpdate(fingerprint, alert, queued))
            {
                break;
            }
        }
        Schedule();
    }

    /// <summary>Queues an alert from the initial snapshot; a live update already queued is newer and stays.</summary>
    internal void OfferInitial(Fingerprint fingerprint, Alert alert)
    {
        if (_pending.TryAdd(fingerprint, alert))
        {
            _order.Enqueue(fingerprint);
        }
    }

    /// <summary>Ends the initial load: delivery may start.</summary>
    internal void Loaded()
    {
        Volatile.Write(ref _loading, false);
        Schedule();
    }

    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            Drain();
            Volatile.Write(ref _scheduled, 0);
            if (_order.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
            {
                SignalIfIdle();
                return;
            }
        }
    }

    private bool IsIdle => _disposed || (Volatile.Read(ref _scheduled) == 0 && _order.IsEmpty && !Volatile.Read(ref _loading));

    private void Schedule()
    {
        if (!Volatile.Read(ref _loading) && !_disposed && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Drain()
    {
        while (!_disposed && _order.TryDequeue(out var fingerprint))
        {
            // Each queued fingerprint has exactly one pending entry: the latest version offered.
            if (_pending.TryRemove(fingerprint, out var alert))
            {
                Deliver(fingerprint, alert);
            }
        }
    }

    private void Deliver(Fingerprint fingerprint, Alert alert)
    {
        try
        {
            _handler(fingerprint, alert);
        }
        catch (Exception e)
        {
            _onError?.Invoke(e);
        }
    }

    private void SignalIfIdle()
    {
        lock (_idleGate)
        {
            if (_idle is not null && IsIdle)
            {
                _idle.TrySetResult();
                _idle = null;
            }
        }
    }
}
