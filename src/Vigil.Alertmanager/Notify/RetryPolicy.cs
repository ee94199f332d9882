namespace Vigil.Alertmanager.Notify;

/// <summary>
/// Exponential backoff between delivery attempts. The defaults are those of the backoff library
/// Alertmanager uses: first retry after about 500ms, each wait 1.5 times the previous, at most a
/// minute, each randomised by ±50% so that many failing groups do not retry in lockstep.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The policy Alertmanager uses.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>The wait before the first retry (before randomisation).</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How much each wait grows.</summary>
    public double Multiplier { get; init; } = 1.5;

    /// <summary>The longest wait (before randomisation).</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Each wait is drawn uniformly from interval × [1 − f, 1 + f]; 0 makes waits exact.</summary>
    public double RandomizationFactor { get; init; } = 0.5;

    /// <summary>The longest <c>Retry-After</c> honoured; longer requests are cut to this (a guard against absurd values; the flush is normally cancelled long before).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A fresh backoff sequence for one notification.</summary>
    public Backoff Start(Func<double>? random = null) => new(this, random ?? Random.Shared.NextDouble);
}

/// <summary>The waits of one notification's retries; not thread-safe (one per retry loop).</summary>
public sealed class Backoff
{
    private readonly RetryPolicy _policy;
    private readonly Func<double> _random;
    private TimeSpan _current;

    internal Backoff(RetryPolicy policy, Func<double> random)
    {
        _policy = policy;
        _random = random;
        _current = policy.InitialInterval;
    }

    /// <summary>The wait before the next attempt; grows the following one.</summary>
    public TimeSpan Next()
    {
        var delta = _policy.RandomizationFactor * _current.TotalMilliseconds;
        var low = _current.TotalMilliseconds - delta;
        var wait = TimeSpan.FromMilliseconds(low + (_random() * 2 * delta));
        var grown = _current.TotalMilliseconds * _policy.Multiplier;
        _current = grown >= _policy.MaxInterval.TotalMilliseconds ? _policy.MaxInterval : TimeSpan.FromMilliseconds(grown);
        return wait;
    }

    /// <summary>
    /// The wait before the next attempt after a failure that may carry the far side's
    /// <c>Retry-After</c>: never shorter than what was asked for (up to the policy's cap).
    /// </summary>
    public TimeSpan NextAfter(TimeSpan? retryAfter)
    {
        var wait = Next();
        if (retryAfter is not { } asked)
        {
            return wait;
        }

        var capped = asked > _policy.MaxRetryAfter ? _policy.MaxRetryAfter : asked;
        return capped > wait ? capped : wait;
    }
}
