namespace Vigil.Tsdb.Compaction;

/// <summary>The block lengths compaction works with: the head's block range, then each level three times the one before.</summary>
public static class BlockRanges
{
    /// <summary>Upstream's default smallest block: two hours.</summary>
    public static readonly TimeSpan DefaultMinBlock = TimeSpan.FromHours(2);

    /// <summary>
    /// Ranges from <paramref name="minBlock"/> growing threefold (2h, 6h, 18h, ...), none longer than a tenth of
    /// <paramref name="retention"/> nor 31 days, as upstream does: a block much longer than the retention would
    /// keep expired data around until its newest sample expires.
    /// </summary>
    public static long[] For(TimeSpan minBlock, TimeSpan? retention)
    {
        var cap = (long)TimeSpan.FromDays(31).TotalMilliseconds;
        if (retention is { } r && r > TimeSpan.Zero)
        {
            cap = Math.Min(cap, (long)(r.TotalMilliseconds / 10));
        }
        var ranges = new List<long> { (long)minBlock.TotalMilliseconds };
        for (var i = 1; i < 10; i++)
        {
            var next = ranges[^1] * 3;
            if (next > cap)
            {
                break;
            }
            ranges.Add(next);
        }
        return [.. ranges];
    }

    /// <summary>The start of the <paramref name="range"/>-long window holding <paramref name="t"/> (windows start at multiples of it, negatives included).</summary>
    public static long AlignDown(long t, long range) => t >= 0 ? t / range * range : (t - range + 1) / range * range;
}
