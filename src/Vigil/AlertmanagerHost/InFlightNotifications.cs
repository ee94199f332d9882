using Vigil.Alertmanager.Dispatch;

namespace Vigil.AlertmanagerHost;

/// <summary>
/// Counts a generation's notifications in flight, so its HTTP clients are disposed only after the
/// last one has returned: stopping the dispatcher cancels them, but a send may still be unwinding.
/// </summary>
internal sealed class InFlightNotifications
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private int _count;
    private bool _closed;

    /// <summary><paramref name="inner"/>, counted; once closed, a flush that still gets here is not sent (its dispatcher is stopped).</summary>
    public NotifyFunc Wrap(NotifyFunc inner) => async (context, alerts, cancellationToken) =>
    {
        if (!TryEnter())
        {
            return false;
        }
        try
        {
            return await inner(context, alerts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    };

    /// <summary>Admits no more notifications; the task completes when those in flight have returned.</summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_count == 0)
            {
                _drained.TrySetResult();
            }
        }
        return _drained.Task;
    }

    private bool TryEnter()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }
            _count++;
            return true;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            _count--;
            if (_closed && _count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }
}
