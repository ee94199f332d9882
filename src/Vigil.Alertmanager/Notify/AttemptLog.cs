namespace Vigil.Alertmanager.Notify;

/// <summary>
/// The most recent notification attempts, kept in a fixed-size ring so that "what did Slack answer
/// at 03:12?" has an answer without growing memory. Thread-safe; oldest attempts fall out first.
/// </summary>
public sealed class AttemptLog
{
    /// <summary>How many attempts are kept unless told otherwise.</summary>
    public const int DefaultCapacity = 1000;

    private readonly NotificationAttempt?[] _ring;
    private readonly Lock _lock = new();
    private int _next;
    private long _total;

    /// <summary>Creates an empty log keeping the last <paramref name="capacity"/> attempts.</summary>
    public AttemptLog(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new NotificationAttempt?[capacity];
    }

    /// <summary>How many attempts are kept at most.</summary>
    public int Capacity => _ring.Length;

    /// <summary>How many attempts were ever recorded (including those that fell out).</summary>
    public long TotalRecorded
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Records an attempt, pushing out the oldest when full.</summary>
    public void Record(NotificationAttempt attempt)
    {
        lock (_lock)
        {
            _ring[_next] = attempt;
            _next = (_next + 1) % _ring.Length;
            _total++;
        }
    }

    /// <summary>The kept attempts, newest first, optionally only those of one receiver.</summary>
    public IReadOnlyList<NotificationAttempt> List(string? receiver = null)
    {
        lock (_lock)
        {
            var result = new List<NotificationAttempt>(_ring.Length);
            for (var i = 1; i <= _ring.Length; i++)
            {
                var attempt = _ring[(_next - i + _ring.Length) % _ring.Length];
                if (attempt is null)
                {
                    break;
                }

                if (receiver is null || attempt.Receiver == receiver)
                {
                    result.Add(attempt);
                }
            }

            return result;
        }
    }
}
