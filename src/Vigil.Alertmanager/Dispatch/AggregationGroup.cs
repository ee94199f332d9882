using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>
/// The alerts of one route that share the same group labels, and the timer that flushes them to
/// the notification pipeline: first after group_wait (at once if an alert is already older than
/// that), then every group_interval, as Alertmanager 0.25 does.
/// </summary>
/// <remarks>
/// A flush never overlaps itself: a tick that comes due while a slow notify is still running is
/// remembered (one at most, like Go's one-slot timer channel) and flushes as soon as it returns.
/// The next tick is armed when a flush starts, so intervals are measured start to start.
/// </remarks>
public sealed class AggregationGroup
{
    private readonly Dictionary<Fingerprint, Alert> _alerts = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly NotifyFunc _notify;
    private readonly DispatcherOptions _options;
    private readonly CancellationToken _stopping;
    private readonly TimerCallback _onTimer;
    private ITimer? _timer;
    private object? _tick;
    private bool _started, _flushNow, _hasFlushed, _flushing, _tickPending, _retired, _stopped;

    internal AggregationGroup(Route route, LabelSet labels, TimeProvider clock, NotifyFunc notify, DispatcherOptions options, CancellationToken stopping)
    {
        _stopping = stopping;
        Route = route;
        Labels = labels;
        GroupKey = route.GroupKey(labels);
        _clock = clock;
        _notify = notify;
        _options = options;
        _onTimer = OnTimer;
    }

    /// <summary>The route that formed this group.</summary>
    public Route Route { get; }

    /// <summary>The group labels.</summary>
    public LabelSet Labels { get; }

    /// <summary>Alertmanager's group key (<c>routeKey:groupLabels</c>).</summary>
    public string GroupKey { get; }

    /// <summary>A snapshot of the alerts in the group, in no particular order.</summary>
    public IReadOnlyList<Alert> Alerts
    {
        get
        {
            lock (_gate)
            {
                return [.. _alerts.Values];
            }
        }
    }

    /// <summary>Whether the group holds no alert (it is then removed at the next maintenance).</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _alerts.Count == 0;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => GroupKey;

    /// <summary>
    /// Adds or replaces an alert; false when the group was retired and a new one must be made.
    /// Before the first flush, an alert whose start plus group_wait already lies in the past makes
    /// the group flush at once.
    /// </summary>
    internal bool TryInsert(Fingerprint fingerprint, Alert alert)
    {
        bool flushNow;
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }
            _alerts[fingerprint] = alert;
            flushNow = !_hasFlushed && alert.StartsAt + Route.Config.GroupWait < _clock.GetUtcNow();
            if (flushNow && !_started)
            {
                // Not running yet: Start arms the timer at zero instead of group_wait.
                _flushNow = true;
                flushNow = false;
            }
        }
        if (flushNow)
        {
            Arm(TimeSpan.Zero);
        }
        return true;
    }

    /// <summary>Starts the timer: group_wait, or zero when an inserted alert asked for it.</summary>
    internal void Start()
    {
        bool now;
        lock (_gate)
        {
            _started = true;
            now = _flushNow;
        }
        Arm(now ? TimeSpan.Zero : Route.Config.GroupWait);
    }

    /// <summary>Marks an empty group as retired so no alert can enter it any more; false when it holds alerts.</summary>
    internal bool TryRetire()
    {
        lock (_gate)
        {
            _retired = _alerts.Count == 0;
            return _retired;
        }
    }

    /// <summary>Stops the timer; a notification in flight is cancelled by the dispatcher's token, not here (an empty group has none).</summary>
    internal void Stop()
    {
        ITimer? timer;
        lock (_gate)
        {
            _stopped = true;
            _tick = null;
            timer = _timer;
            _timer = null;
        }
        timer?.Dispose();
    }

    private void Arm(TimeSpan due)
    {
        var tick = new object();
        ITimer? old;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
            old = _timer;
            _timer = null;
            _tick = tick;
        }
        old?.Dispose();
        // A zero due time may run the callback right here (fake clocks do), so no lock is held.
        var timer = _clock.CreateTimer(_onTimer, tick, TimerSpans.Clamp(due), Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (ReferenceEquals(_tick, tick) && !_stopped)
            {
                _timer = timer;
                return;
            }
        }
        timer.Dispose();
    }

    private void OnTimer(object? tick)
    {
        lock (_gate)
        {
            // A tick from a timer that was re-armed or stopped since is stale; once the dispatcher
            // stops, no group of it may notify, even one created while it was stopping.
            if (!ReferenceEquals(tick, _tick) || _stopped || _stopping.IsCancellationRequested)
            {
                return;
            }
            if (_flushing)
            {
                _tickPending = true;
                return;
            }
            _flushing = true;
        }
        _ = FlushLoopAsync();
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            var now = _clock.GetUtcNow();
            lock (_gate)
            {
                _hasFlushed = true;
            }
            Arm(Route.Config.GroupInterval);
            try
            {
                await FlushAsync(now).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Keep the group alive: the next tick tries again.
                _options.OnError?.Invoke($"flush failed for group {GroupKey}", e);
            }
            lock (_gate)
            {
                if (!_tickPending || _stopped)
                {
                    _flushing = false;
                    return;
                }
                _tickPending = false;
            }
        }
    }

    private async Task FlushAsync(DateTimeOffset now)
    {
        var batch = Snapshot(now, out var fingerprints);
        if (batch.Length == 0)
        {
            return;
        }
        var context = new FlushContext(
            GroupKey, Route.Receiver, Labels, Route.Config.RepeatInterval,
            Route.Config.MuteTimeIntervals, Route.Config.ActiveTimeIntervals, Route.Id, now);
        if (await NotifyAsync(context, batch).ConfigureAwait(false))
        {
            ForgetResolved(batch, fingerprints, now);
        }
    }

    /// <summary>The alerts to send, sorted as Alertmanager sorts them; not-yet-resolved ones lose their end time.</summary>
    private Alert[] Snapshot(DateTimeOffset now, out Fingerprint[] fingerprints)
    {
        Alert[] batch;
        lock (_gate)
        {
            batch = [.. _alerts.Values];
        }
        for (var i = 0; i < batch.Length; i++)
        {
            if (!batch[i].ResolvedAt(now))
            {
                batch[i] = batch[i] with { EndsAt = DateTimeOffset.MinValue };
            }
        }
        Array.Sort(batch, GoOrder.CompareAlerts);
        fingerprints = new Fingerprint[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            fingerprints[i] = batch[i].Fingerprint;
        }
        return batch;
    }

    private async Task<bool> NotifyAsync(FlushContext context, Alert[] batch)
    {
        // Like upstream, a notification gets until about the next flush to finish.
        using var timeout = new CancellationTokenSource(TimerSpans.Clamp(_options.NotifyTimeout(Route.Config.GroupInterval)), _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping);
        try
        {
            return await _notify(context, batch, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _options.OnError?.Invoke($"notify failed for group {GroupKey}", e);
            return false;
        }
    }

    /// <summary>Drops the resolved alerts just sent, unless a newer version arrived during the flush.</summary>
    private void ForgetResolved(Alert[] batch, Fingerprint[] fingerprints, DateTimeOffset now)
    {
        lock (_gate)
        {
            for (var i = 0; i < batch.Length; i++)
            {
                if (batch[i].ResolvedAt(now)
                    && _alerts.TryGetValue(fingerprints[i], out var current)
                    && current.UpdatedAt == batch[i].UpdatedAt)
                {
                    _alerts.Remove(fingerprints[i]);
                }
            }
        }
    }
}
