using Vigil.Model.Labels;
using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Tests.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;
using static Vigil.Tsdb.Tests.Tombstones.DeleteTestKit;

namespace Vigil.Tsdb.Tests.Tombstones;

/// <summary>Which block compaction rewrites on its own for its deletions (upstream's rule).</summary>
public sealed class TombstoneCleanerTests : IDisposable
{
    private static readonly long[] Ranges = [2 * Hour, 6 * Hour, 18 * Hour];
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    // (block widths in hours, oldest first; series of each block deleted) -> index of the block chosen, -1 for none
    [InlineData("6,2", "1,0", 0)]
    [InlineData("6,2", "0,0", -1)]
    [InlineData("6,2", "2,0", 0)]
    [InlineData("2,2", "1,0", -1)]
    [InlineData("2,2", "2,0", 0)]
    [InlineData("2,2,2", "2,0,0", -1)]
    [InlineData("6,6,2", "2,1,0", 1)]
    [InlineData("2", "2", -1)]
    public void Due_Table_FollowsUpstreamsPlan(string widths, string deleted, int expected)
    {
        var blocks = new List<Block>();
        var start = 0L;
        foreach (var (width, count) in widths.Split(',').Select(long.Parse).Zip(deleted.Split(',').Select(int.Parse)))
        {
            var source = Regular(start, start + (width * Hour), 10 * Minute, LabelSet.Of("__name__", "x", "i", "1"), LabelSet.Of("__name__", "x", "i", "2"));
            var meta = WriteBlock(_dir.Path, source, start, start + (width * Hour));
            var block = Block.Open(Path.Combine(_dir.Path, meta.Id));
            block.Delete(long.MinValue, long.MaxValue, [new Matcher(MatcherType.Regexp, "i", count switch { 0 => "none", 1 => "1", _ => "1|2" })]);
            blocks.Add(block);
            start += width * Hour;
        }
        try
        {
            var due = TombstoneCleaner.Due(blocks, Ranges);

            Assert.Equal(expected < 0 ? null : blocks[expected], due);
        }
        finally
        {
            blocks.ForEach(b => b.Dispose());
        }
    }
}
