using Vigil.Model.Histograms;

namespace Vigil.PromQL.Functions;

/// <summary>
/// Compensated sums and means of histograms over time (<c>sum_over_time</c>, <c>avg_over_time</c>), field by
/// field as upstream adds them: the same reduction the <c>sum</c> and <c>avg</c> aggregations use, so both
/// give the same result for the same histograms.
/// </summary>
internal static class HistogramSums
{
    /// <summary>The sum of <paramref name="histograms"/> (at least one).</summary>
    public static FloatHistogram Sum(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes) =>
        FloatHistogram.ReduceFieldwise(histograms, Layout(histograms, out notes), Aggregations.Sum);

    /// <summary>The mean of <paramref name="histograms"/> (at least one), field by field without overflowing.</summary>
    public static FloatHistogram Mean(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes) =>
        FloatHistogram.ReduceFieldwise(histograms, Layout(histograms, out notes), Aggregations.Average);

    // The plain pairwise sum settles the schema, zero bucket, custom bounds and hint the reduction lays out on;
    // its values are not used, so an overflow in it does not matter.
    private static FloatHistogram Layout(IReadOnlyList<FloatHistogram> histograms, out HistogramCombineNotes notes)
    {
        notes = HistogramCombineNotes.None;
        var sum = histograms[0];
        for (var i = 1; i < histograms.Count; i++)
        {
            sum = sum.Add(histograms[i], out var more);
            notes |= more;
        }
        return sum;
    }
}
