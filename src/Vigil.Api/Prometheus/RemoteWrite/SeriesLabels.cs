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
    public static LabelSet Validate(IReadOnlyList<Label> labels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!LabelName.IsValid(label.Name))
            {
                throw new WriteRequestException($"invalid label name {GoString.Quote(label.Name)} in series {Describe(labels)}");
            }
            if (!seen.Add(label.Name))
            {
                throw new WriteRequestException($"invalid labels for series {Describe(labels)}: duplicated label {label.Name}");
            }
        }
        var set = LabelSet.From(labels.Where(l => l.Value.Length > 0));
        if (!set.Has(LabelName.MetricName))
        {
            throw new WriteRequestException($"invalid metric name or labels: series {Describe(labels)} has no __name__ label");
        }
        return set;
    }

    private static string Describe(IReadOnlyList<Label> labels) => "{" + string.Join(", ", labels) + "}";
}
