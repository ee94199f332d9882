namespace Vigil.Model.Histograms;

/// <summary>Combining many histograms at once, field by field.</summary>
public sealed partial class FloatHistogram
{
    /// <summary>
    /// Combines <paramref name="items"/> field by field with <paramref name="reduce"/> (for example a
    /// compensated sum, or a mean), each first brought onto <paramref name="layout"/>'s schema, zero bucket and
    /// custom bounds. <paramref name="layout"/> is the plain pairwise sum of the same items, which settles the
    /// layout and the hint; reducing each count across all items at once is what lets a compensated sum keep
    /// the small terms pairwise addition loses next to large ones.
    /// </summary>
    public static FloatHistogram ReduceFieldwise(IReadOnlyList<FloatHistogram> items, FloatHistogram layout, Func<List<double>, double> reduce)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(reduce);
        var aligned = items.Select(h => h.AlignTo(layout)).ToList();
        double Field(Func<FloatHistogram, double> field) => reduce(aligned.Select(field).ToList());
        return new FloatHistogram(
            layout.Schema, layout.ZeroThreshold, Field(h => h.ZeroCount), Field(h => h.Count), Field(h => h.Sum),
            ReduceRuns(aligned.Select(h => h.Positive).ToList(), reduce), ReduceRuns(aligned.Select(h => h.Negative).ToList(), reduce),
            layout.Hint, layout.CustomValues);
    }

    // This histogram in layout's buckets: merged to its schema and zero bucket, or mapped to its custom bounds.
    private FloatHistogram AlignTo(FloatHistogram layout)
    {
        if (UsesCustomBuckets)
        {
            return SameBounds(CustomValues, layout.CustomValues)
                ? this
                : new FloatHistogram(CustomBucketsSchema, 0, 0, Count, Sum, MapToBounds(Positive, CustomValues!, layout.CustomValues!), BucketRun.Empty, Hint, layout.CustomValues);
        }
        return Reduce(layout.Schema).WidenZeroBucket(layout.ZeroThreshold).Histogram;
    }

    private static BucketRun ReduceRuns(List<BucketRun> runs, Func<List<double>, double> reduce)
    {
        var present = runs.Where(r => !r.IsEmpty).ToList();
        if (present.Count == 0)
        {
            return BucketRun.Empty;
        }
        var start = present.Min(r => r.Offset);
        var end = present.Max(r => r.Offset + r.Count);
        var counts = new double[end - start];
        var column = new List<double>(runs.Count);
        for (var i = start; i < end; i++)
        {
            column.Clear();
            column.AddRange(runs.Select(r => r.At(i)));
            counts[i - start] = reduce(column);
        }
        return new BucketRun(start, counts);
    }
}
