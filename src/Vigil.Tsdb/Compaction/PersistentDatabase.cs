using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Retention;

namespace Vigil.Tsdb.Compaction;

/// <summary>
/// The head-and-WAL database plus its persisted blocks, wired the way the host needs them: one storage to
/// query and append to, and one method to call periodically for compaction and retention.
/// </summary>
public sealed partial class PersistentDatabase : IDisposable
{
    private readonly RetentionEnforcer _retention;

    private readonly TsdbStorage _tsdb;

    private PersistentDatabase(TsdbStorage tsdb, BlockStore blocks, FanoutStorage storage, Compactor compactor, RetentionEnforcer retention)
    {
        _tsdb = tsdb;
        Blocks = blocks;
        Storage = storage;
        Compactor = compactor;
        _retention = retention;
    }

    /// <summary>The persisted blocks.</summary>
    public BlockStore Blocks { get; }

    /// <summary>Appends go to the head (through the WAL); queries see blocks and head merged.</summary>
    public FanoutStorage Storage { get; }

    /// <summary>Cuts blocks from the head, merges them, applies retention.</summary>
    public Compactor Compactor { get; }

    /// <summary>
    /// Opens the blocks in <paramref name="tsdb"/>'s data directory beside its head and WAL. The head refuses
    /// samples older than the newest block's end, so a restart cannot write into a range already persisted.
    /// </summary>
    public static PersistentDatabase Open(TsdbStorage tsdb, ILoggerFactory loggers, Meter? meter = null)
    {
        var logger = loggers.CreateLogger("Vigil.Tsdb.Blocks");
        var blocks = BlockStore.Open(tsdb.Options.Path, logger);
        if (blocks.Blocks.Count > 0)
        {
            tsdb.Head.MinValidTime = blocks.Blocks.Max(b => b.Meta.MaxTime);
        }
        var options = tsdb.Options;
        var retention = new RetentionEnforcer(blocks,
            new RetentionOptions(options.RetentionTime, options.RetentionSize > 0 ? options.RetentionSize : null),
            logger, () => DirectoryBytes(Path.Combine(options.Path, "wal")), meter);
        var compactor = new Compactor(blocks, HeadCompactionSource.For(tsdb), BlockRanges.For(options.BlockDuration, options.RetentionTime),
            retention, tsdb.Time, logger, meter);
        return new PersistentDatabase(tsdb, blocks, new FanoutStorage(tsdb, blocks), compactor, retention);
    }

    /// <summary>One round of compaction and retention; call it periodically (upstream: every minute).</summary>
    public CompactionResult RunOnce() => Compactor.RunOnce();

    /// <summary>Closes the blocks; the <see cref="TsdbStorage"/> passed to <see cref="Open"/> stays the caller's to dispose.</summary>
    public void Dispose()
    {
        Compactor.Dispose();
        _retention.Dispose();
        Blocks.Dispose();
    }

    /// <summary>The WAL counts against the size retention, as upstream: it is disk the database uses.</summary>
    private static long DirectoryBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
