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
}

/// <summary>A series: its labels and its samples in time order.</summary>
public interface IStoredSeries
{
    /// <summary>The series' labels, including <c>__name__</c>.</summary>
    LabelSet Labels { get; }

    /// <summary>The samples with timestamps in [<paramref name="mint"/>, <paramref name="maxt"/>], oldest first.</summary>
    IEnumerable<Sample> Samples(long mint, long maxt);
}

/// <summary>Writes samples; nothing is visible to queriers until <see cref="Commit"/>.</summary>
public interface IAppender
{
    /// <summary>Buffers a float sample for the series with <paramref name="labels"/>.</summary>
    void Append(LabelSet labels, long timestamp, double value);

    /// <summary>Makes the buffered samples visible.</summary>
    void Commit();

    /// <summary>Drops the buffered samples.</summary>
    void Rollback();
}

/// <summary>A storage that can be read and appended to.</summary>
public interface IStorage : ISeriesQuerier
{
    /// <summary>A new appender; each is used by one writer at a time.</summary>
    IAppender Appender();
}
