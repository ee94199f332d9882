using Vigil.Model.Histograms;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>
/// A native histogram as upstream prints it where a histogram becomes a label value (count_values):
/// <c>{count:20, sum:10, [-2,-1):2, [-0.001,0.001]:2, (0.5,1]:1}</c>, non-empty buckets from the lowest up,
/// numbers in Go's <c>%g</c> form.
/// </summary>
public static class HistogramValueText
{
    /// <summary>The text of <paramref name="h"/>.</summary>
    public static string Format(FloatHistogram h)
    {
        var parts = new List<string> { $"{{count:{G(h.Count)}", $"sum:{G(h.Sum)}" };
        if (h.CustomValues is { } bounds)
        {
            for (var k = 0; k < h.Positive.Count; k++)
            {
                var index = h.Positive.Offset + k;
                var lower = index == 0 ? double.NegativeInfinity : bounds[index - 1];
                var upper = index < bounds.Count ? bounds[index] : double.PositiveInfinity;
                AddBucket(parts, "(", lower, upper, "]", h.Positive.Counts[k]);
            }
            return string.Join(", ", parts) + "}";
        }
        for (var k = h.Negative.Count - 1; k >= 0; k--)
        {
            var index = h.Negative.Offset + k;
            AddBucket(parts, "[", -BucketBounds.Upper(index, h.Schema), -BucketBounds.Lower(index, h.Schema), ")", h.Negative.Counts[k]);
        }
        if (h.ZeroCount != 0)
        {
            AddBucket(parts, "[", -h.ZeroThreshold, h.ZeroThreshold, "]", h.ZeroCount);
        }
        for (var k = 0; k < h.Positive.Count; k++)
        {
            var index = h.Positive.Offset + k;
            AddBucket(parts, "(", BucketBounds.Lower(index, h.Schema), BucketBounds.Upper(index, h.Schema), "]", h.Positive.Counts[k]);
        }
        return string.Join(", ", parts) + "}";
    }

    private static void AddBucket(List<string> parts, string open, double lower, double upper, string close, double count)
    {
        if (count != 0)
        {
            parts.Add($"{open}{G(lower)},{G(upper)}{close}:{G(count)}");
        }
    }

    /// <summary>Go's <c>%g</c> with the shortest digits: positional for decimal exponents -4 to 5, else with an exponent.</summary>
    public static string G(double v)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return v == 0 ? (double.IsNegative(v) ? "-0" : "0") : Printer.FormatNumber(v);
        }
        var scientific = Printer.FormatExponent(v);
        var exponent = int.Parse(scientific[(scientific.IndexOf('e', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return exponent is < -4 or >= 6 ? scientific : Printer.FormatNumber(v);
    }
}
