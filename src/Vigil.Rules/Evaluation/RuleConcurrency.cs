namespace Vigil.Rules.Evaluation;

/// <summary>
/// The server-wide bound on rules evaluated concurrently (<c>--rules.max-concurrent-evals</c>, with
/// <c>--enable-feature=concurrent-rule-eval</c>), shared by every group so concurrent rules add a bounded query
/// load whatever the number of groups. A group that finds no free slot evaluates the rule itself, in its own
/// loop, as upstream does: evaluation never waits for a slot.
/// </summary>
public sealed class RuleConcurrency : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates the bound; zero or less allows no extra concurrency (every rule runs in its group's loop).</summary>
    public RuleConcurrency(long maxConcurrentEvals)
    {
        MaxConcurrentEvals = (int)Math.Clamp(maxConcurrentEvals, 0, int.MaxValue);
        _slots = new SemaphoreSlim(MaxConcurrentEvals, Math.Max(1, MaxConcurrentEvals));
    }

    /// <summary>The most rules evaluated concurrently besides the groups' own loops.</summary>
    public int MaxConcurrentEvals { get; }

    /// <summary>Takes a slot if one is free; a true result must be paired with <see cref="Release"/>.</summary>
    public bool TryAcquire() => _slots.Wait(0);

    /// <summary>Gives back a slot taken by <see cref="TryAcquire"/>.</summary>
    public void Release() => _slots.Release();

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
