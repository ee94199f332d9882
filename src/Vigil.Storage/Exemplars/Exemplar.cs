using Vigil.Model.Labels;

namespace Vigil.Storage.Exemplars;

/// <summary>
/// A sample's exemplar: a few labels pointing elsewhere (typically <c>trace_id</c>), the value it observed and
/// when. <paramref name="HasTimestamp"/> says whether the exposition gave the time; without one the scrape's
/// time stands in, and repeats of the same exemplar on later scrapes are then recognised by labels and value.
/// </summary>
public readonly record struct Exemplar(LabelSet Labels, double Value, long Timestamp, bool HasTimestamp = true)
{
    /// <summary>
    /// OpenMetrics: the names and values of an exemplar's labels together hold at most this many characters
    /// (UTF-8 characters, not bytes; quotes, <c>=</c> and commas are not counted).
    /// </summary>
    public const int MaxLabelSetLength = 128;

    /// <summary>
    /// Whether <paramref name="other"/> is the same exemplar seen again: same labels and value, and same time
    /// unless neither carried its own time (a repeated exemplar scraped without one gets each scrape's time).
    /// </summary>
    public bool SameAs(Exemplar other) =>
        Labels.Equals(other.Labels)
        && (!(HasTimestamp || other.HasTimestamp) || Timestamp == other.Timestamp)
        // Ordinary equality, as upstream: a NaN exemplar never equals another and is stored each time.
        && Value == other.Value;

    /// <summary>Whether the labels fit <see cref="MaxLabelSetLength"/>, counting characters as runes.</summary>
    public bool LabelsWithinLimit()
    {
        var length = 0;
        foreach (var label in Labels.AsSpan())
        {
            length += RuneCount(label.Name) + RuneCount(label.Value);
            if (length > MaxLabelSetLength)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Orders by time, then value, then labels (upstream's order for exemplars of one sample).</summary>
    public static int Compare(Exemplar a, Exemplar b)
    {
        var c = a.Timestamp.CompareTo(b.Timestamp);
        if (c != 0)
        {
            return c;
        }
        c = a.Value < b.Value ? -1 : a.Value > b.Value ? 1 : 0;
        return c != 0 ? c : LabelSetComparer.Instance.Compare(a.Labels, b.Labels);
    }

    private static int RuneCount(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }
        return count;
    }
}

/// <summary>What became of an exemplar handed to <see cref="IAppender.AppendExemplar"/>.</summary>
public enum ExemplarStatus
{
    /// <summary>Buffered; stored on commit.</summary>
    Ok,

    /// <summary>The series' newest exemplar seen again; nothing to store, and not an error.</summary>
    Duplicate,

    /// <summary>The storage keeps no exemplars (the feature is off or <c>max_exemplars</c> is 0); not an error.</summary>
    Disabled,

    /// <summary>Older than the series' newest stored exemplar (upstream: out of order exemplar).</summary>
    OutOfOrder,

    /// <summary>The labels exceed <see cref="Exemplar.MaxLabelSetLength"/> characters (upstream: exemplar label set is too long).</summary>
    LabelSetTooLong,

    /// <summary>Too far in the future (remote write's limit; upstream: out of bounds).</summary>
    OutOfBounds,

    /// <summary>The series has no sample in the storage yet, so there is nothing to attach the exemplar to.</summary>
    UnknownSeries,
}

/// <summary>One series' exemplars in a time range, oldest first (a <c>/api/v1/query_exemplars</c> result entry).</summary>
public sealed record ExemplarSeries(LabelSet SeriesLabels, IReadOnlyList<Exemplar> Exemplars);

/// <summary>Reads stored exemplars.</summary>
public interface IExemplarQuerier
{
    /// <summary>
    /// The exemplars with timestamps in [<paramref name="start"/>, <paramref name="end"/>] (milliseconds, inclusive) of
    /// every series matching all matchers of at least one of <paramref name="selectors"/>, sorted by series labels.
    /// </summary>
    IReadOnlyList<ExemplarSeries> SelectExemplars(long start, long end, IReadOnlyList<IReadOnlyList<Matcher>> selectors);
}
