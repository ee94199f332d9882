using Microsoft.Extensions.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Tsdb.Blocks;

/// <summary>
/// The persisted blocks of a data directory. Opening cleans up after a crash (half-written <c>.tmp</c>
/// directories, source blocks already merged into a newer block) and refuses damaged blocks with a log line
/// while opening the rest; a refused block is left on disk untouched for the operator to inspect.
/// </summary>
public sealed class BlockStore : ISeriesQuerier, ILabelQuerier, IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Block[] _blocks;

    private BlockStore(string dataDirectory, Block[] blocks, ILogger logger)
    {
        DataDirectory = dataDirectory;
        _blocks = blocks;
        _logger = logger;
    }

    /// <summary>The data directory holding the block directories.</summary>
    public string DataDirectory { get; }

    /// <summary>The open blocks, oldest (by min time) first; a snapshot that later changes do not alter.</summary>
    public IReadOnlyList<Block> Blocks => Volatile.Read(ref _blocks);

    /// <summary>Opens every block under <paramref name="dataDirectory"/>, creating the directory if needed.</summary>
    public static BlockStore Open(string dataDirectory, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        var opened = new List<Block>();
        foreach (var dir in Directory.GetDirectories(dataDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            // Only temp directories named like blocks are ours to delete: the data directory may be shared.
            if (name.EndsWith(BlockWriter.TempSuffix, StringComparison.Ordinal) && BlockId.IsValid(name[..^BlockWriter.TempSuffix.Length]))
            {
                logger.LogInformation("Deleting leftover of an unfinished block write or delete: {Dir}", dir);
                Directory.Delete(dir, recursive: true);
            }
            else if (BlockId.IsValid(name) && TryOpen(dir, logger) is { } block)
            {
                opened.Add(block);
            }
        }
        var store = new BlockStore(dataDirectory, Sorted(opened), logger);
        store.DeleteMergedSources();
        return store;
    }

    /// <summary>Makes a newly written block (already durable on disk) visible to queries.</summary>
    public Block Add(BlockMeta meta)
    {
        var block = Block.Open(Path.Combine(DataDirectory, meta.Id));
        lock (_lock)
        {
            Volatile.Write(ref _blocks, Sorted([.. _blocks, block]));
        }
        return block;
    }

    /// <summary>
    /// Removes blocks from queries and deletes them from disk. Each directory is first renamed to a
    /// <c>.tmp</c> name, so a crash halfway through a delete leaves something <see cref="Open"/> cleans up,
    /// never a partial block.
    /// </summary>
    public void Delete(IReadOnlyCollection<Block> blocks)
    {
        var ids = blocks.Select(b => b.Meta.Id).ToHashSet(StringComparer.Ordinal);
        lock (_lock)
        {
            Volatile.Write(ref _blocks, _blocks.Where(b => !ids.Contains(b.Meta.Id)).ToArray());
        }
        foreach (var block in blocks)
        {
            block.Dispose();
            var doomed = block.Directory + BlockWriter.TempSuffix;
            Directory.Move(block.Directory, doomed);
            Directory.Delete(doomed, recursive: true);
        }
    }

    /// <inheritdoc />
    public bool MayHoldHistograms => Blocks.Any(static b => b.MayHoldHistograms);

    /// <inheritdoc />
    public IEnumerable<IStoredSeries> Select(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Querier(mint, maxt).Select(mint, maxt, matchers);

    /// <inheritdoc />
    public IReadOnlyList<string> LabelNames(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Querier(mint, maxt).LabelNames(mint, maxt, matchers);

    /// <inheritdoc />
    public IReadOnlyList<string> LabelValues(string name, long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
        Querier(mint, maxt).LabelValues(name, mint, maxt, matchers);

    /// <summary>Closes every block's files.</summary>
    public void Dispose()
    {
        foreach (var block in Blocks)
        {
            block.Dispose();
        }
    }

    private MergingQuerier Querier(long mint, long maxt)
    {
        var overlapping = Blocks.Where(b => b.Meta.Overlaps(mint, maxt)).ToArray<ISeriesQuerier>();
        return new MergingQuerier(overlapping);
    }

    private static Block? TryOpen(string dir, ILogger logger)
    {
        try
        {
            return Block.Open(dir);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("Refusing block {Dir}: {Reason}. It is left on disk and not queried.", dir, e.Message);
            return null;
        }
    }

    /// <summary>
    /// A crash after a merged block became durable but before its sources were deleted leaves the same data
    /// twice; a block whose every source is covered by a higher-level block is such a leftover.
    /// </summary>
    private void DeleteMergedSources()
    {
        var blocks = Blocks;
        var redundant = blocks.Where(b => blocks.Any(other => other.Meta.Compaction.Level > b.Meta.Compaction.Level
            && b.Meta.Compaction.Sources.All(other.Meta.Compaction.Sources.Contains))).ToList();
        foreach (var block in redundant)
        {
            _logger.LogInformation("Deleting block {Id}: its data is already in a compacted block", block.Meta.Id);
        }
        if (redundant.Count > 0)
        {
            Delete(redundant);
        }
    }

    private static Block[] Sorted(IEnumerable<Block> blocks) =>
        blocks.OrderBy(b => b.Meta.MinTime).ThenBy(b => b.Meta.Id, StringComparer.Ordinal).ToArray();
}
