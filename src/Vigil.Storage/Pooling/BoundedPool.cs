namespace Vigil.Storage.Pooling;

/// <summary>
/// Keeps a few large, reusable objects (sample buffers, per-series maps) between the operations that need
/// them one after another, so a query or a scrape commit does not allocate them afresh on the large-object
/// heap each time. Bounded twice: only <c>maxKept</c> objects are kept, and none that <c>keep</c> rejects
/// (one grown by an unusually big operation should not stay pinned forever). Thread-safe.
/// </summary>
/// <param name="maxKept">How many idle objects are kept at most.</param>
/// <param name="create">Makes a new object when none is kept.</param>
/// <param name="keep">Whether a returned object is worth keeping (checked before it is reset).</param>
/// <param name="reset">Empties a returned object, so a kept one holds nothing alive.</param>
public sealed class BoundedPool<T>(int maxKept, Func<T> create, Func<T, bool> keep, Action<T> reset)
    where T : class
{
    private readonly Stack<T> _kept = new();

    /// <summary>A kept object when there is one, otherwise a new one.</summary>
    public T Rent()
    {
        lock (_kept)
        {
            if (_kept.TryPop(out var item))
            {
                return item;
            }
        }
        return create();
    }

    /// <summary>Takes back <paramref name="item"/>; the caller must not use it (or any span over it) after this.</summary>
    public void Return(T item)
    {
        if (!keep(item))
        {
            return;
        }
        reset(item);
        lock (_kept)
        {
            if (_kept.Count < maxKept)
            {
                _kept.Push(item);
            }
        }
    }
}
