using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Exemplars;

namespace Vigil.Tsdb.Head;

/// <summary>
/// Exemplars: checked against the head's exemplar store when appended (so the caller learns of an out-of-order
/// or oversized one at once), logged after the commit's samples and stored once those are applied.
/// </summary>
internal sealed partial class HeadAppender
{
    private List<PendingExemplar>? _exemplars;

    public ExemplarStatus AppendExemplar(SeriesRef series, LabelSet labels, Exemplar exemplar)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (head.Exemplars.Capacity == 0)
        {
            return ExemplarStatus.Disabled;
        }
        var target = series.Series is MemSeries known && ReferenceEquals(known.Head, head) && !known.Removed
            ? known
            : head.GetByLabels(labels);
        if (target is null)
        {
            return ExemplarStatus.UnknownSeries;
        }
        var status = head.Exemplars.Validate(target.Labels, exemplar);
        if (status == ExemplarStatus.Ok)
        {
            (_exemplars ??= []).Add(new PendingExemplar(target, exemplar));
        }
        return status;
    }

    /// <summary>Logs and stores the buffered exemplars; called after the commit's samples are applied.</summary>
    private void CommitExemplars()
    {
        if (_exemplars is not { Count: > 0 } exemplars)
        {
            return;
        }
        head.Log?.WriteExemplars(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(exemplars));
        foreach (var (series, exemplar) in exemplars)
        {
            // A series truncated away since the append has nothing left to attach the exemplar to.
            if (!series.Removed)
            {
                head.Exemplars.Add(series.Labels, exemplar);
            }
        }
    }
}
