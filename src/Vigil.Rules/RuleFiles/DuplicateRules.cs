namespace Vigil.Rules.RuleFiles;

/// <summary>
/// promtool's duplicate-rules lint: two rules with the same name (alert or record) and the same labels
/// (group labels overlaid with the rule's) write the same series, so their results would clash.
/// </summary>
public static class DuplicateRules
{
    /// <summary>One duplicated rule identity.</summary>
    /// <param name="Metric">The alert or record name.</param>
    /// <param name="Labels">The combined labels, sorted by name.</param>
    public sealed record Duplicate(string Metric, IReadOnlyList<KeyValuePair<string, string>> Labels);

    /// <summary>Each identity that occurs more than once, listed once, in name then label order.</summary>
    public static IReadOnlyList<Duplicate> Find(RuleFile file)
    {
        var keys = file.Groups
            .SelectMany(g => g.Rules.Select(r => new Duplicate(r.Name, Combine(g.Labels, r.Labels))))
            .Select(d => (Key: d.Metric + "\xff" + string.Join("\xff", d.Labels.Select(l => l.Key + "\xfe" + l.Value)), d));
        return keys.GroupBy(k => k.Key, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First().d)
            .ToList();
    }

    /// <summary>The lint message in promtool's words.</summary>
    public static string Describe(IReadOnlyList<Duplicate> duplicates)
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{duplicates.Count} duplicate rule(s) found.\n");
        foreach (var d in duplicates)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Metric: {d.Metric}\nLabel(s):\n");
            foreach (var (name, value) in d.Labels)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\t{name}: {value}\n");
            }
        }
        text.Append("Might cause inconsistency while recording expressions");
        return text.ToString();
    }

    private static List<KeyValuePair<string, string>> Combine(IReadOnlyDictionary<string, string> group, IReadOnlyDictionary<string, string> rule)
    {
        var all = new Dictionary<string, string>(group, StringComparer.Ordinal);
        foreach (var (k, v) in rule)
        {
            all[k] = v;
        }
        return all.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
    }
}
