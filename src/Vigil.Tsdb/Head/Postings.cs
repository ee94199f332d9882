namespace Vigil.Tsdb.Head;

/// <summary>Set operations over ascending, duplicate-free arrays of series references.</summary>
internal static class Postings
{
    public static ulong[] Intersect(ulong[] a, ulong[] b)
    {
        var result = new List<ulong>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return [.. result];
    }

    /// <summary>The references in <paramref name="a"/> that are not in <paramref name="b"/>.</summary>
    public static ulong[] Without(ulong[] a, ulong[] b)
    {
        if (b.Length == 0)
        {
            return a;
        }
        var result = new List<ulong>(a.Length);
        var j = 0;
        foreach (var r in a)
        {
            while (j < b.Length && b[j] < r)
            {
                j++;
            }
            if (j >= b.Length || b[j] != r)
            {
                result.Add(r);
            }
        }
        return [.. result];
    }

    /// <summary>The union of several sorted lists, sorted and without duplicates.</summary>
    public static ulong[] Union(List<ulong[]> lists)
    {
        if (lists.Count == 0)
        {
            return [];
        }
        if (lists.Count == 1)
        {
            return lists[0];
        }
        var total = 0;
        foreach (var list in lists)
        {
            total += list.Length;
        }
        var all = new ulong[total];
        var n = 0;
        foreach (var list in lists)
        {
            list.CopyTo(all, n);
            n += list.Length;
        }
        Array.Sort(all);
        var unique = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (unique == 0 || all[unique - 1] != all[i])
            {
                all[unique++] = all[i];
            }
        }
        Array.Resize(ref all, unique);
        return all;
    }
}

/// <summary>A growable ascending list of series references for one label pair.</summary>
internal sealed class PostingList(string value)
{
    private ulong[] _refs = new ulong[1];

    /// <summary>The label value, kept once here so every series with it can share the string.</summary>
    public string Value { get; } = value;

    public int Count { get; private set; }

    /// <summary>
    /// Adds a reference. New series get growing references, so this is nearly always an append; WAL
    /// replay may meet them slightly out of order, which falls back to an insert.
    /// </summary>
    public void Add(ulong reference)
    {
        if (Count == _refs.Length)
        {
            Array.Resize(ref _refs, _refs.Length * 2);
        }
        if (Count == 0 || _refs[Count - 1] < reference)
        {
            _refs[Count++] = reference;
            return;
        }
        var at = _refs.AsSpan(0, Count).BinarySearch(reference);
        if (at >= 0)
        {
            return;
        }
        at = ~at;
        Array.Copy(_refs, at, _refs, at + 1, Count - at);
        _refs[at] = reference;
        Count++;
    }

    public ulong[] ToArray() => _refs.AsSpan(0, Count).ToArray();

    /// <summary>Removes the references in the sorted <paramref name="removed"/>.</summary>
    public void RemoveAll(ulong[] removed)
    {
        var kept = Postings.Without(ToArray(), removed);
        _refs = kept.Length == 0 ? new ulong[1] : kept;
        Count = kept.Length;
    }
}
