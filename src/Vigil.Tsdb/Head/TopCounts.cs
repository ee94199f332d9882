using Vigil.Storage;

namespace Vigil.Tsdb.Head;

/// <summary>Keeps the <c>limit</c> largest counts seen; ties are broken by name so answers are stable.</summary>
internal sealed class TopCounts(int limit)
{
    private static readonly Comparer<CountStat> SmallestFirst = Comparer<CountStat>.Create((a, b) =>
        a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(b.Name, a.Name));

    // A min-heap of the kept entries: the root is the first to go when a larger count arrives.
    private readonly PriorityQueue<CountStat, CountStat> _kept = new(SmallestFirst);

    public void Add(string name, long value)
    {
        var stat = new CountStat(name, value);
        if (_kept.Count < limit)
        {
            _kept.Enqueue(stat, stat);
        }
        else if (SmallestFirst.Compare(stat, _kept.Peek()) > 0)
        {
            _kept.EnqueueDequeue(stat, stat);
        }
    }

    /// <summary>The kept entries, largest count first, then by name.</summary>
    public List<CountStat> Largest()
    {
        var all = _kept.UnorderedItems.Select(i => i.Element).ToList();
        all.Sort((a, b) => SmallestFirst.Compare(b, a));
        return all;
    }
}
