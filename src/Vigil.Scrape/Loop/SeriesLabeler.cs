using Vigil.Model.Labels;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Attaches a target's labels to a scraped series. With honor_labels the scraped values win; otherwise
/// the target's win and a clashing scraped label is kept as <c>exported_&lt;name&gt;</c> (more prefixes
/// while that name is taken too), so no exposed information is lost.
/// </summary>
internal static class SeriesLabeler
{
    private const string ExportedPrefix = "exported_";

    public static LabelSet Attach(LabelSet scraped, LabelSet target, bool honorLabels)
    {
        if (target.Count == 0)
        {
            return scraped;
        }
        var labels = scraped.ToDictionary();
        if (honorLabels)
        {
            foreach (var label in target)
            {
                if (!labels.TryGetValue(label.Name, out var existing) || existing.Length == 0)
                {
                    labels[label.Name] = label.Value;
                }
            }
            return Build(labels);
        }
        List<Label>? clashes = null;
        foreach (var label in target)
        {
            if (labels.TryGetValue(label.Name, out var existing) && existing.Length > 0)
            {
                (clashes ??= []).Add(new Label(label.Name, existing));
            }
            labels[label.Name] = label.Value;
        }
        if (clashes is not null)
        {
            // Shorter names first, so exported_x is claimed before exported_exported_x is considered.
            foreach (var clash in clashes.OrderBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                var name = clash.Name;
                do
                {
                    name = ExportedPrefix + name;
                }
                while (labels.TryGetValue(name, out var taken) && taken.Length > 0);
                labels[name] = clash.Value;
            }
        }
        return Build(labels);
    }

    private static LabelSet Build(Dictionary<string, string> labels) =>
        LabelSet.From(labels.Where(l => l.Value.Length > 0));
}
