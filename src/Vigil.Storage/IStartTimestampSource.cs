using Vigil.Model.Labels;

namespace Vigil.Storage;

/// <summary>
/// A storage that keeps start timestamps (upstream's "ST", the time a cumulative counter started counting or
/// a delta's interval began) beside its samples. Kept apart from <see cref="Sample"/> so that storages and
/// queries without them pay nothing.
/// </summary>
public interface IStartTimestampSource
{
    /// <summary>Whether any start timestamp is stored; readers skip lookups when not.</summary>
    bool HasStartTimestamps { get; }

    /// <summary>The start timestamp (ms) of the sample of <paramref name="series"/> at <paramref name="timestamp"/>; 0 when it has none.</summary>
    long StartTimestamp(LabelSet series, long timestamp);
}
