namespace Vigil.Tsdb.Tombstones;

/// <summary>A deleted time range of one series, in milliseconds, both ends inclusive (as upstream's tombstones).</summary>
/// <param name="MinTime">The first deleted timestamp.</param>
/// <param name="MaxTime">The last deleted timestamp.</param>
public readonly record struct Interval(long MinTime, long MaxTime)
{
    /// <summary>Whether <paramref name="t"/> falls inside.</summary>
    public bool Contains(long t) => t >= MinTime && t <= MaxTime;

    /// <summary>Whether the whole of [<paramref name="min"/>, <paramref name="max"/>] falls inside.</summary>
    public bool Covers(long min, long max) => min >= MinTime && max <= MaxTime;
}

/// <summary>
/// Operations on a series' deleted ranges kept as a sorted array of disjoint, non-adjacent intervals. Arrays are
/// never changed once built (adding makes a new one), so a query can keep reading the array it was handed.
/// </summary>
public static class Intervals
{
    /// <summary>
    /// <paramref name="existing"/> (sorted, disjoint; null for none) with <paramref name="added"/> merged in:
    /// overlapping or touching intervals become one, so the array stays small however often a range is deleted.
    /// </summary>
    public static Interval[] Add(Interval[]? existing, Interval added)
    {
        if (existing is null || existing.Length == 0)
        {
            return [added];
        }
        var result = new List<Interval>(existing.Length + 1);
        var merged = added;
        foreach (var current in existing)
        {
            if (Touch(current, merged))
            {
                merged = new Interval(Math.Min(current.MinTime, merged.MinTime), Math.Max(current.MaxTime, merged.MaxTime));
            }
            else
            {
                result.Add(current);
            }
        }
        result.Add(merged);
        result.Sort(static (a, b) => a.MinTime.CompareTo(b.MinTime));
        return [.. result];
    }

    /// <summary>Whether <paramref name="t"/> is deleted.</summary>
    public static bool Contains(Interval[] deleted, long t)
    {
        // Usually one or two intervals: a linear scan that stops early beats a binary search.
        foreach (var interval in deleted)
        {
            if (t < interval.MinTime)
            {
                return false;
            }
            if (t <= interval.MaxTime)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether every timestamp in [<paramref name="min"/>, <paramref name="max"/>] is deleted (one interval spans it, as they never touch).</summary>
    public static bool Covers(Interval[] deleted, long min, long max)
    {
        foreach (var interval in deleted)
        {
            if (interval.Covers(min, max))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// [<paramref name="min"/>, <paramref name="max"/>] clamped to the series' own span, or null when they do not
    /// meet: a tombstone records only what existed, so samples appended later are never hidden by it.
    /// </summary>
    public static Interval? Clamp(long min, long max, long seriesMin, long seriesMax)
    {
        var from = Math.Max(min, seriesMin);
        var to = Math.Min(max, seriesMax);
        return from <= to ? new Interval(from, to) : null;
    }

    private static bool Touch(Interval a, Interval b) =>
        a.MinTime <= SaturatingIncrement(b.MaxTime) && b.MinTime <= SaturatingIncrement(a.MaxTime);

    private static long SaturatingIncrement(long t) => t == long.MaxValue ? t : t + 1;
}
