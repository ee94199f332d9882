using System.Globalization;
using Vigil.Model.Histograms;

namespace Vigil.Rules.UnitTesting;

/// <summary>
/// promtool's text for a native histogram in rule-test output, which is also what it compares: the script
/// notation with fields in a fixed order, zero fields left out, numbers as Go's <c>%g</c> prints them,
/// and each side's buckets as one run from its first to its last non-empty bucket.
/// </summary>
internal static class HistogramText
{
    public static string Format(FloatHistogram h)
    {
        var parts = new List<string>();
        if (h.Schema != 0)
        {
            parts.Add("schema:" + h.Schema.ToString(CultureInfo.InvariantCulture));
        }
        AddNumber(parts, "count", h.Count);
        AddNumber(parts, "sum", h.Sum);
        AddNumber(parts, "z_bucket", h.ZeroCount);
        AddNumber(parts, "z_bucket_w", h.ZeroThreshold);
        if (Hint(h.Hint) is { } hint)
        {
            parts.Add("counter_reset_hint:" + hint);
        }
        AddRun(parts, "buckets", "offset", h.Positive);
        AddRun(parts, "n_buckets", "n_offset", h.Negative);
        return "{{" + string.Join(' ', parts) + "}}";
    }

    private static string? Hint(CounterResetHint hint) => hint switch
    {
        CounterResetHint.Reset => "reset",
        CounterResetHint.NotReset => "not_reset",
        CounterResetHint.Gauge => "gauge",
        _ => null,
    };

    private static void AddNumber(List<string> parts, string key, double value)
    {
        if (value != 0)
        {
            parts.Add(key + ":" + G(value));
        }
    }

    private static void AddRun(List<string> parts, string bucketsKey, string offsetKey, BucketRun run)
    {
        if (run.IsEmpty)
        {
            return;
        }
        if (run.Offset != 0)
        {
            parts.Add(offsetKey + ":" + run.Offset.ToString(CultureInfo.InvariantCulture));
        }
        parts.Add(bucketsKey + ":[" + string.Join(' ', run.Counts.Select(G)) + "]");
    }

    private static string G(double v) => Vigil.Templating.Formatting.GoFormat.Sprintf("%g", v);
}
