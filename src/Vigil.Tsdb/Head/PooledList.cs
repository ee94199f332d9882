using Vigil.Storage.Pooling;
using System.Runtime.CompilerServices;

namespace Vigil.Tsdb.Head;

/// <summary>
/// A growable list over arrays rented from <see cref="LargeArrayPool{T}"/>: an appender may buffer
/// hundreds of thousands of samples per commit, and a fresh array per commit would be
/// large-object-heap garbage that keeps the process's memory high. <see cref="Clear"/> gives the
/// array back (cleared when it holds references, so the pool keeps nothing alive).
/// </summary>
internal sealed class PooledList<T>
{
    private T[] _items = [];

    public int Count { get; private set; }

    public ReadOnlySpan<T> Span => _items.AsSpan(0, Count);

    public ref readonly T this[int index] => ref _items[index];

    public void Add(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }
        _items[Count++] = item;
    }

    /// <summary>Makes room for <paramref name="capacity"/> items in one step (one rent, not one per doubling).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _items.Length)
        {
            Resize(capacity);
        }
    }

    public void Clear()
    {
        if (_items.Length > 0)
        {
            LargeArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = [];
        }
        Count = 0;
    }

    private void Grow() => Resize(Math.Max(256, _items.Length * 2));

    private void Resize(int capacity)
    {
        var bigger = LargeArrayPool<T>.Shared.Rent(capacity);
        _items.AsSpan(0, Count).CopyTo(bigger);
        if (_items.Length > 0)
        {
            LargeArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
        _items = bigger;
    }
}
