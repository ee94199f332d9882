using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>Checks and normalises the labels of a written series.</summary>
public static class SeriesLabels
{
    /// <summary>
    /// The series' label set, sorted as upstream sorts it (senders need not sort). Throws
    /// <see cref="WriteRequestException"/> naming the series when <c>__name__</c> is missing, a name is
    /// invalid, or a name repeats. Empty values are dropped: an empty label is no label.
    /// </summary>
    /// <remarks>Runs once per series per request, so it sorts a single array in place instead of building sets.</remarks>
    public static LabelSet Validate(IReadOnlyList<Label> labels)
    {
        var sorted = new Label[labels.Count];
        var kept = 0;
        foreach (var label in labels)
        {
            if (!LabelName.IsValid(label.Name))
            {
                throw new WriteRequestException($"invalid label name {GoString.Quote(label.Name)} in series {Describe(labels)}");
            }
            kept += label.Value.Length > 0 ? 1 : 0;
        }
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = labels[i];
        }
        SortByName(sorted);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i].Name, sorted[i - 1].Name, StringComparison.Ordinal))
            {
                throw new WriteRequestException($"invalid labels for series {Describe(labels)}: duplicated label {sorted[i].Name}");
            }
        }
        var set = LabelSet.FromSorted(kept == sorted.Length ? sorted : WithoutEmptyValues(sorted, kept));
        if (!set.Has(LabelName.MetricName))
        {
            throw new WriteRequestException($"invalid metric name or labels: series {Describe(labels)} has no __name__ label");
        }
        return set;
    }

    /// <summary>Insertion sort: series have a handful of labels, usually already sorted by the sender.</summary>
    private static void SortByName(Label[] labels)
    {
        for (var i = 1; i < labels.Length; i++)
        {
            var current = labels[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(labels[j].Name, current.Name) > 0)
            {
                labels[j + 1] = labels[j];
                j--;
            }
            labels[j + 1] = current;
        }
    }

    private static Label[] WithoutEmptyValues(Label[] labels, int kept)
    {
        var result = new Label[kept];
        var n = 0;
        foreach (var label in labels)
        {
            if (label.Value.Length > 0)
            {
                result[n++] = label;
            }
        }
        return result;
    }

    private static string Describe(IReadOnlyList<Label> labels) => "{" + string.Join(", ", labels) + "}";
}
