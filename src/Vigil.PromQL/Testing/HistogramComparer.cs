using Vigil.Model.Histograms;

namespace Vigil.PromQL.Testing;

/// <summary>
/// How the script runner compares an expected histogram with a result, as upstream's runner does: same
/// schema, custom bounds, zero bucket width and bucket layout, counts and sum within the runner's float tolerance, and the
/// counter reset hint only when the expectation named one.
/// </summary>
internal static class HistogramComparer
{
    public static bool Equal(FloatHistogram expected, FloatHistogram got, bool hintSet) =>
        expected.Schema == got.Schema
        && SameBounds(expected.CustomValues, got.CustomValues)
        && ResultComparer.FloatEqual(expected.Count, got.Count)
        && ResultComparer.FloatEqual(expected.Sum, got.Sum)
        && expected.ZeroThreshold == got.ZeroThreshold
        && ResultComparer.FloatEqual(expected.ZeroCount, got.ZeroCount)
        && RunsEqual(expected.Positive, got.Positive)
        && RunsEqual(expected.Negative, got.Negative)
        && (!hintSet || expected.Hint == got.Hint);

    private static bool SameBounds(IReadOnlyList<double>? expected, IReadOnlyList<double>? got) =>
        expected is null ? got is null : got is not null && expected.SequenceEqual(got);

    // Both runs are trimmed of empty edge buckets, so the same layout means the same offset and length; an
    // empty bucket inside must be empty on both sides, as upstream's compacted spans require.
    private static bool RunsEqual(BucketRun expected, BucketRun got)
    {
        if (expected.Offset != got.Offset && !(expected.IsEmpty && got.IsEmpty))
        {
            return false;
        }
        if (expected.Count != got.Count)
        {
            return false;
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, g) = (expected.Counts[i], got.Counts[i]);
            if ((e == 0) != (g == 0) || !ResultComparer.FloatEqual(e, g))
            {
                return false;
            }
        }
        return true;
    }
}
