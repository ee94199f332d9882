using Vigil.Tsdb.Blocks;

namespace Vigil.Tsdb.Compaction;

/// <summary>
/// Rewrites blocks without their deleted data: on request (clean tombstones) and from compaction for blocks where
/// deletions are worth the rewrite (upstream's rule).
/// </summary>
internal static class TombstoneCleaner
{
    /// <summary>
    /// Upstream's choice of a block to rewrite alone, oldest-last over all but the newest block: a block at least half
    /// the largest range wide with deletions in more than 5% of its series, or a narrower one whose every series has
    /// deletions. Null when none qualifies.
    /// </summary>
    public static Block? Due(IReadOnlyList<Block> blocks, long[] ranges)
    {
        var candidates = blocks.OrderBy(b => b.Meta.MinTime).SkipLast(1).ToList();
        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            var block = candidates[i];
            long deletedSeries = block.Tombstones.SeriesCount, series = block.Meta.Stats.NumSeries;
            if (block.Meta.MaxTime - block.Meta.MinTime < ranges[ranges.Length / 2])
            {
                return deletedSeries > 0 && deletedSeries >= series ? block : null;
            }
            if ((double)deletedSeries / (series + 1) > 0.05)
            {
                return block;
            }
        }
        return null;
    }

    /// <summary>
    /// Writes <paramref name="block"/>'s remaining data as a new block (its range and sources, one level higher, so a
    /// crash before the old block is gone leaves something the next start recognises as merged) and deletes the old
    /// one; a block with nothing left is just deleted. Returns the new block's meta, or null.
    /// </summary>
    public static BlockMeta? Rewrite(BlockStore store, BlockWriter writer, Block block)
    {
        var meta = block.Meta;
        var (mint, maxt) = (meta.MinTime, meta.MaxTime);
        var rewritten = writer.WriteSeries(store.DataDirectory, mint, maxt, block.Select(mint, maxt - 1, []), block.MayHoldHistograms,
            meta.Compaction.Level + 1, meta.Compaction.Sources);
        if (rewritten.Stats.NumSamples > 0)
        {
            store.Add(rewritten);
        }
        else
        {
            Directory.Delete(Path.Combine(store.DataDirectory, rewritten.Id), recursive: true);
        }
        store.Delete([block]);
        return rewritten.Stats.NumSamples > 0 ? rewritten : null;
    }
}
