using Vigil.Model.Labels;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Snapshots;

namespace Vigil.Tsdb.Compaction;

/// <summary>
/// The admin operations (upstream's <c>/api/v1/admin/tsdb/*</c>): deleting series data, rewriting blocks without
/// deleted data, and snapshots. Each runs exclusive of compaction, so a merge never reads a block that is being
/// changed or copied, and never drops a deletion made while it was reading.
/// </summary>
public sealed partial class PersistentDatabase
{
    /// <summary>
    /// Deletes the samples in [<paramref name="mint"/>, <paramref name="maxt"/>] (inclusive) of every series matching
    /// <paramref name="matchers"/>, in every block and in the head, through tombstones. Returns once the deletion is
    /// durable; queries stop returning the samples at that point. Returns the series touched (a series in several
    /// blocks counts once per block).
    /// </summary>
    public int Delete(long mint, long maxt, IReadOnlyList<Matcher> matchers) => Compactor.Exclusive(() =>
    {
        var touched = 0;
        foreach (var block in Blocks.Blocks)
        {
            touched += block.Delete(mint, maxt, matchers);
        }
        return touched + _tsdb.Head.Delete(mint, maxt, matchers);
    });

    /// <summary>
    /// Rewrites every block that has tombstones without its deleted data (a block left empty is just removed) and
    /// returns how many blocks it rewrote (see <see cref="TombstoneCleaner.Rewrite"/>).
    /// </summary>
    public int CleanTombstones() => Compactor.Exclusive(() =>
    {
        var cleaned = 0;
        var writer = new BlockWriter(_tsdb.Time);
        foreach (var block in Blocks.Blocks.Where(b => !b.Tombstones.IsEmpty).ToList())
        {
            TombstoneCleaner.Rewrite(Blocks, writer, block);
            cleaned++;
        }
        return cleaned;
    });

    /// <summary>
    /// Copies the database into <paramref name="directory"/> as a data directory another server can start on: every
    /// block hard-linked (with its tombstones), and unless <paramref name="withHead"/> is false the head's samples
    /// written as one more block. Returns the blocks in the snapshot.
    /// </summary>
    public int Snapshot(string directory, bool withHead) => Compactor.Exclusive(() =>
    {
        Directory.CreateDirectory(directory);
        var blocks = 0;
        foreach (var block in Blocks.Blocks)
        {
            HardLinks.LinkTree(block.Directory, Path.Combine(directory, block.Meta.Id));
            blocks++;
        }
        var head = HeadCompactionSource.For(_tsdb);
        if (withHead && head.MinTime != long.MaxValue && head.MinTime <= head.MaxTime
            && WriteFrom(directory, head, head.MinTime, head.MaxTime + 1) is not null)
        {
            blocks++;
        }
        return blocks;
    });

    /// <summary>Writes the samples of <paramref name="source"/> in [mint, maxt) as a block; null (and nothing left on disk) when there are none.</summary>
    private BlockMeta? WriteFrom(string directory, Storage.ISeriesQuerier source, long mint, long maxt)
    {
        var meta = new BlockWriter(_tsdb.Time).Write(directory, mint, maxt,
            source.Select(mint, maxt - 1, []).Select(s => (s.Labels, s.Samples(mint, maxt - 1))));
        if (meta.Stats.NumSamples > 0)
        {
            return meta;
        }
        Directory.Delete(Path.Combine(directory, meta.Id), recursive: true);
        return null;
    }
}
