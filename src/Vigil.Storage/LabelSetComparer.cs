using Vigil.Model.Labels;

namespace Vigil.Storage;

/// <summary>Orders label sets as Prometheus does (<c>labels.Compare</c>): label by label, name then value, shorter first.</summary>
public sealed class LabelSetComparer : IComparer<LabelSet>
{
    /// <summary>The shared instance.</summary>
    public static LabelSetComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(LabelSet? x, LabelSet? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        // Spans, not the indexer: queries sort thousands of series by this, several labels each.
        var a = x.AsSpan();
        var b = y.AsSpan();
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(a[i].Name, b[i].Name);
            if (c != 0)
            {
                return c;
            }
            c = string.CompareOrdinal(a[i].Value, b[i].Value);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Length.CompareTo(b.Length);
    }
}
