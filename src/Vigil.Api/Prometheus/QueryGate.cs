namespace Vigil.Api.Prometheus;

/// <summary>
/// Bounds how many queries run at once (<c>--query.max-concurrency</c>); later ones wait for a
/// slot, as upstream's active query tracker makes them wait.
/// </summary>
public sealed class QueryGate(int maxConcurrency) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrency), Math.Max(1, maxConcurrency));

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancel)
    {
        await _slots.WaitAsync(cancel);
        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
