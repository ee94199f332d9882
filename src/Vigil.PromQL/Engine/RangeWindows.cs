using System.Runtime.InteropServices;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// One step's window [<see cref="Mint"/>, <see cref="Maxt"/>] over the prefetched series of a range selector
/// whose staleness markers were dropped: each series' points are a slice of its sample array.
/// </summary>
internal readonly record struct RangeWindows(PrefetchedSelector Selector, long Mint, long Maxt)
{
    /// <summary>The points of <paramref name="series"/> in the window, valid until the series' array is next changed.</summary>
    public ReadOnlySpan<Point> Of(PrefetchedSeries series)
    {
        var from = series.LowerBound(Mint);
        var to = series.UpperBound(Maxt);
        // Sample and Point are both (long Timestamp, double Value): the slice is reinterpreted, not copied.
        return MemoryMarshal.Cast<Sample, Point>(series.Samples.Slice(from, to - from));
    }
}
