using Vigil.Tsdb.Blocks;

namespace Vigil.Tsdb.Compaction;

/// <summary>Chooses which blocks to merge next, following upstream's leveled planner.</summary>
internal static class CompactionPlanner
{
    /// <summary>The blocks to merge into one, or an empty list when nothing is due.</summary>
    public static List<Block> Plan(IReadOnlyList<Block> blocks, long[] ranges)
    {
        var chosen = Plan(blocks.Select(b => b.Meta).ToList(), ranges).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return blocks.Where(b => chosen.Contains(b.Meta.Id)).OrderBy(b => b.Meta.MinTime).ToList();
    }

    /// <summary>The metas of the blocks to merge into one, or an empty list when nothing is due.</summary>
    public static List<BlockMeta> Plan(IReadOnlyList<BlockMeta> blocks, long[] ranges)
    {
        var sorted = blocks.OrderBy(b => b.MinTime).ToList();
        var overlapping = Overlapping(sorted);
        if (overlapping.Count > 0)
        {
            return overlapping;
        }
        if (sorted.Count < 2)
        {
            return [];
        }
        // The newest block is left alone: it was probably just cut from the head, and one more of its size may still
        // arrive to fill the range. It also gives backups a whole block period to copy it before it changes.
        sorted.RemoveAt(sorted.Count - 1);
        var newestStart = sorted[^1].MinTime;
        foreach (var range in ranges.Skip(1))
        {
            foreach (var group in SplitByRange(sorted, range))
            {
                var span = group[^1].MaxTime - group[0].MinTime;
                if (group.Count > 1 && (span == range || group[^1].MaxTime <= newestStart))
                {
                    return group;
                }
            }
        }
        return [];
    }

    /// <summary>The first run of blocks whose time ranges overlap; merging them is what makes queries cheap again.</summary>
    private static List<BlockMeta> Overlapping(List<BlockMeta> sorted)
    {
        var result = new List<BlockMeta>();
        for (var i = 1; i < sorted.Count; i++)
        {
            var reach = sorted.Take(i).Max(b => b.MaxTime);
            if (sorted[i].MinTime < reach)
            {
                if (result.Count == 0)
                {
                    result.AddRange(sorted.Take(i).Where(b => b.MaxTime > sorted[i].MinTime));
                }
                result.Add(sorted[i]);
            }
            else if (result.Count > 0)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>Groups consecutive blocks that fit one aligned window of <paramref name="range"/>; blocks fitting none are skipped.</summary>
    private static List<List<BlockMeta>> SplitByRange(List<BlockMeta> sorted, long range)
    {
        var groups = new List<List<BlockMeta>>();
        for (var i = 0; i < sorted.Count;)
        {
            var windowEnd = BlockRanges.AlignDown(sorted[i].MinTime, range) + range;
            if (sorted[i].MaxTime > windowEnd)
            {
                i++;
                continue;
            }
            var group = new List<BlockMeta>();
            for (; i < sorted.Count && sorted[i].MaxTime <= windowEnd; i++)
            {
                group.Add(sorted[i]);
            }
            groups.Add(group);
        }
        return groups;
    }
}
