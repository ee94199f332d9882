using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// The whole database as one <see cref="IStorage"/>: writes go to the head, reads see the persisted blocks
/// and the head merged (<see cref="MergingQuerier"/>). This is what the host hands to PromQL and the API.
/// </summary>
public sealed class FanoutStorage : IStorage
{
    private readonly IStorage _head;
    private readonly MergingQuerier _reader;

    /// <summary>Combines <paramref name="head"/> (written to and read) with the blocks of <paramref name="blocks"/> (read).</summary>
    public FanoutStorage(IStorage head, BlockStore blocks)
    {
        _head = head;
        // Blocks first: for a timestamp present in both (a block cut before the head truncated), either copy is the same sample.
        _reader = new MergingQuerier(() => [blocks, head]);
    }

    /// <inheritdoc />
    public IAppender Appender() => _head.Appender();

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _reader.Select(mint, maxt, matchers);

    /// <inheritdoc />
    public bool MayHoldHistograms => _reader.MayHoldHistograms;

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) => _reader.LabelNames(mint, maxt, matchers);

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        _reader.LabelValues(name, mint, maxt, matchers);
}
