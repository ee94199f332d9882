using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Storage;

/// <summary>Reads series from storage.</summary>
public interface ISeriesQuerier
{
    /// <summary>
    /// The series matching every matcher that may have samples in [<paramref name="mint"/>, <paramref name="maxt"/>]
    /// (milliseconds, inclusive), sorted by labels.
    /// </summary>
    IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers);

    /// <summary>
    /// Whether any series may hold native histogram samples. Readers take a histogram-aware path only when
    /// this is true, so float-only storages pay nothing for histogram support.
    /// </summary>
    bool MayHoldHistograms => false;
}

/// <summary>A series: its labels and its samples in time order.</summary>
public interface IStoredSeries
{
    /// <summary>The series' labels, including <c>__name__</c>.</summary>
    LabelSet Labels { get; }

    /// <summary>The samples with timestamps in [<paramref name="mint"/>, <paramref name="maxt"/>], oldest first.</summary>
    IEnumerable<Sample> Samples(long mint, long maxt);

    /// <summary>
    /// Appends the samples with timestamps in [<paramref name="mint"/>, <paramref name="maxt"/>] to
    /// <paramref name="into"/>, oldest first. Queries read every selected series this way, so a storage
    /// that decodes straight into the caller's reused buffer should override it; the default walks
    /// <see cref="Samples"/>.
    /// </summary>
    void CopySamples(long mint, long maxt, List<Sample> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        foreach (var sample in Samples(mint, maxt))
        {
            into.Add(sample);
        }
    }

    /// <summary>
    /// The native histogram samples with timestamps in [<paramref name="mint"/>, <paramref name="maxt"/>],
    /// oldest first, each with the counter reset hint a reader sees (as upstream's chunks give it: unknown
    /// for the first of a run, reset or not_reset after that, gauge for gauge histograms). None by default.
    /// </summary>
    IEnumerable<HistogramSample> HistogramSamples(long mint, long maxt) => [];
}

/// <summary>Writes samples; nothing is visible to queriers until <see cref="Commit"/>.</summary>
public interface IAppender
{
    /// <summary>
    /// Buffers a float sample for the series with <paramref name="labels"/>. A sample the storage refuses
    /// (older than the series' newest, outside the writable window, a second value at the same time) is not
    /// buffered; the status says why, so callers can count each reason as upstream does.
    /// </summary>
    AppendStatus Append(LabelSet labels, long timestamp, double value);

    /// <summary>
    /// As <see cref="Append(LabelSet, long, double)"/>, for a writer that appends to the same series again and
    /// again (a scrape cache): <paramref name="series"/> is the handle this storage gave for
    /// <paramref name="labels"/> last time (or <see cref="SeriesRef.None"/> the first time) and is updated to the
    /// current one. A storage that recognises a still valid handle skips looking the series up by its labels; a
    /// handle it does not recognise, or whose series it has dropped since, costs only the lookup.
    /// <paramref name="labels"/> must be the series' labels either way.
    /// </summary>
    /// <remarks>The default ignores the handle, which is always correct.</remarks>
    AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestamp, double value) => Append(labels, timestamp, value);

    /// <summary>
    /// Says that about <paramref name="samples"/> more samples are coming (a writer that knows, such as a decoded
    /// remote write request), so a storage that buffers them can size its buffer once instead of growing it
    /// through every size on the way. Only a hint: the default ignores it.
    /// </summary>
    void Reserve(int samples)
    {
    }

    /// <summary>Buffers a native histogram sample; storages that keep only floats refuse with <see cref="NotSupportedException"/>.</summary>
    AppendStatus AppendHistogram(LabelSet labels, long timestamp, FloatHistogram histogram) =>
        throw new NotSupportedException("this storage does not store native histogram samples");

    /// <summary>
    /// Buffers an exemplar for the series with <paramref name="labels"/>, which must already hold a sample (append
    /// the sample first); <paramref name="series"/> is the handle that append returned. Storages that keep no
    /// exemplars answer <see cref="Exemplars.ExemplarStatus.Disabled"/>, the default.
    /// </summary>
    Exemplars.ExemplarStatus AppendExemplar(SeriesRef series, LabelSet labels, Exemplars.Exemplar exemplar) =>
        Exemplars.ExemplarStatus.Disabled;

    /// <summary>Makes the buffered samples visible.</summary>
    void Commit();

    /// <summary>Drops the buffered samples.</summary>
    void Rollback();
}

/// <summary>Answers label-name and label-value questions (the <c>/api/v1/labels</c> family) without reading samples.</summary>
public interface ILabelQuerier
{
    /// <summary>
    /// The distinct label names of series that match every matcher (all series when there are none) and may
    /// have samples in [<paramref name="mint"/>, <paramref name="maxt"/>], sorted ordinally.
    /// </summary>
    IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers);

    /// <summary>The distinct values of label <paramref name="name"/> over the same selection, sorted ordinally; empty values are left out.</summary>
    IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers);
}

/// <summary>Why an appender accepted or refused a sample (upstream's storage errors, by name).</summary>
public enum AppendStatus
{
    /// <summary>The sample was buffered.</summary>
    Ok,

    /// <summary>Older than the newest sample already in that series (upstream: out of order sample).</summary>
    OutOfOrder,

    /// <summary>Outside the time window the storage still accepts writes for (upstream: out of bounds).</summary>
    OutOfBounds,

    /// <summary>Same timestamp as the newest sample but a different value (upstream: duplicate sample for timestamp).</summary>
    DuplicateTimestamp,
}

/// <summary>A storage that can be read and appended to.</summary>
public interface IStorage : ISeriesQuerier, ILabelQuerier
{
    /// <summary>A new appender; each is used by one writer at a time.</summary>
    IAppender Appender();
}
