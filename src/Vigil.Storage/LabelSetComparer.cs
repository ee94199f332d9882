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
        var n = Math.Min(x.Count, y.Count);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(x[i].Name, y[i].Name);
            if (c != 0)
            {
                return c;
            }
            c = string.CompareOrdinal(x[i].Value, y[i].Value);
            if (c != 0)
            {
                return c;
            }
        }
        return x.Count.CompareTo(y.Count);
    }
}
