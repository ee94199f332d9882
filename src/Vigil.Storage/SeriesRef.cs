namespace Vigil.Storage;

/// <summary>
/// A storage's handle on one of its series, handed out by
/// <see cref="IAppender.Append(ref SeriesRef, Model.Labels.LabelSet, long, double)"/> so a writer that keeps it
/// (a scrape cache, beside each cached series) can append to that series again without a lookup by labels.
/// Opaque to the writer: only the storage that issued it looks inside, and it checks the handle is still
/// valid before using it, so a stale or foreign handle is never wrong, only slower.
/// </summary>
public readonly struct SeriesRef : IEquatable<SeriesRef>
{
    /// <summary>Wraps a storage's own series object and, when it keeps one, its own copy of the series' labels.</summary>
    public SeriesRef(object? series, Model.Labels.LabelSet? labels = null)
    {
        Series = series;
        Labels = labels;
    }

    /// <summary>No handle yet: the storage looks the series up by its labels.</summary>
    public static SeriesRef None => default;

    /// <summary>The storage's series object; null for <see cref="None"/>.</summary>
    public object? Series { get; }

    /// <summary>
    /// The storage's own copy of the series' labels (null when it offers none): equal to the labels appended, so a
    /// writer that keeps label sets (a scrape cache) can keep this one instead and the process holds one copy, not two.
    /// </summary>
    public Model.Labels.LabelSet? Labels { get; }

    /// <summary>Whether two handles name the same series object.</summary>
    public static bool operator ==(SeriesRef left, SeriesRef right) => left.Equals(right);

    /// <summary>Whether two handles name different series objects.</summary>
    public static bool operator !=(SeriesRef left, SeriesRef right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(SeriesRef other) => ReferenceEquals(Series, other.Series);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SeriesRef other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Series?.GetHashCode() ?? 0;
}
