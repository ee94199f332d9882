using System.Buffers;
using System.Runtime.CompilerServices;

namespace Vigil.Tsdb.Head;

/// <summary>
/// A growable list over arrays rented from <see cref="ArrayPool{T}.Shared"/>: an appender may buffer
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

    public void Clear()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            _items = [];
        }
        Count = 0;
    }

    private void Grow()
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(256, _items.Length * 2));
        _items.AsSpan(0, Count).CopyTo(bigger);
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items, RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
        _items = bigger;
    }
}
