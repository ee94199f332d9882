using System.Text;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Dispatch;

/// <summary>
/// Go's orderings and renderings that Alertmanager's output depends on, where .NET's defaults differ:
/// Go compares strings by UTF-8 bytes (code points), .NET ordinal by UTF-16 units.
/// </summary>
public static class GoOrder
{
    /// <summary>Compares as Go compares strings (byte-wise UTF-8, i.e. by code point).</summary>
    public static int Compare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointRank(a[i]) - CodePointRank(b[i]);
            }
        }
        return a.Length - b.Length;
    }

    /// <summary>Go's <c>model.LabelSet.Before</c>: fewer labels first, then the first differing pair in name order.</summary>
    public static bool Before(LabelSet a, LabelSet b)
    {
        if (a.Count != b.Count)
        {
            return a.Count < b.Count;
        }
        var x = a.AsSpan();
        var y = b.AsSpan();
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            var byName = Compare(x[i].Name, y[j].Name);
            if (byName != 0)
            {
                // The smaller name is missing on the other side: the side lacking it comes first.
                return byName > 0;
            }
            var byValue = Compare(x[i].Value, y[j].Value);
            if (byValue != 0)
            {
                return byValue < 0;
            }
            i++;
            j++;
        }
        return false;
    }

    /// <summary>
    /// Alertmanager's alert order: by <c>job</c>, then <c>instance</c> (an alert lacking the label after
    /// one having it), then <see cref="Before"/> on all labels.
    /// </summary>
    public static int CompareAlerts(Alert a, Alert b)
    {
        foreach (var key in OverrideKeys)
        {
            var hasA = a.Labels.TryGet(key, out var va);
            var hasB = b.Labels.TryGet(key, out var vb);
            if (!hasA && !hasB)
            {
                continue;
            }
            if (hasA != hasB)
            {
                return hasA ? -1 : 1;
            }
            var c = Compare(va, vb);
            if (c != 0)
            {
                return c;
            }
        }
        return Before(a.Labels, b.Labels) ? -1 : Before(b.Labels, a.Labels) ? 1 : 0;
    }

    /// <summary>
    /// Renders as Go's <c>model.LabelSet.String()</c>, which sorts the rendered <c>name="value"</c>
    /// strings (not the names): <c>a0="x"</c> sorts before <c>a="y"</c> because '0' &lt; '='.
    /// </summary>
    public static string LabelSetString(LabelSet labels)
    {
        if (labels.Count == 0)
        {
            return "{}";
        }
        var pairs = new string[labels.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = labels[i].Name + "=" + GoString.Quote(labels[i].Value);
        }
        Array.Sort(pairs, Compare);
        return new StringBuilder("{").AppendJoin(", ", pairs).Append('}').ToString();
    }

    private static readonly string[] OverrideKeys = ["job", "instance"];

    // Surrogates (U+D800..U+DFFF) stand for code points above U+FFFF, so they must rank above U+E000..U+FFFF.
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
