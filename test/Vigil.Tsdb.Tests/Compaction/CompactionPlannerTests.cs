using Vigil.Tsdb.Blocks;
using Vigil.Tsdb.Compaction;

namespace Vigil.Tsdb.Tests.Compaction;

public sealed class CompactionPlannerTests
{
    private static readonly long[] Ranges = [20, 60, 180];

    /// <summary>Blocks as "min-max" pairs; the expected plan lists the chosen blocks the same way.</summary>
    [Theory]
    [InlineData("", "")]
    [InlineData("0-20", "")]
    [InlineData("0-20 20-40", "")]
    [InlineData("0-20 20-40 40-60", "")]
    [InlineData("0-20 20-40 40-60 60-80", "0-20 20-40 40-60")]
    [InlineData("0-20 40-60 120-140", "0-20 40-60")]
    [InlineData("0-60 60-80 80-100 100-120 120-140", "60-80 80-100 100-120")]
    [InlineData("0-60 60-120 120-180 180-200", "0-60 60-120 120-180")]
    [InlineData("0-20 10-30 40-60", "0-20 10-30")]
    [InlineData("0-180 180-200", "")]
    public void Plan_Blocks_ChoosesAsUpstream(string blocks, string expected)
    {
        var metas = Parse(blocks);

        var plan = CompactionPlanner.Plan(metas, Ranges);

        Assert.Equal(expected, string.Join(" ", plan.Select(m => $"{m.MinTime}-{m.MaxTime}")));
    }

    [Theory]
    [InlineData(15, new long[] { 2, 6, 18 })]
    [InlineData(365, new long[] { 2, 6, 18, 54, 162, 486 })]
    [InlineData(1, new long[] { 2 })]
    public void BlockRanges_RetentionDays_CapsAtTenthOfRetention(int days, long[] hours)
    {
        var ranges = BlockRanges.For(TimeSpan.FromHours(2), TimeSpan.FromDays(days));

        Assert.Equal(hours.Select(h => h * 3_600_000), ranges);
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(9, 10, 0)]
    [InlineData(10, 10, 10)]
    [InlineData(-1, 10, -10)]
    [InlineData(-10, 10, -10)]
    [InlineData(-11, 10, -20)]
    public void AlignDown_Time_StartsWindowAtMultiple(long t, long range, long expected)
    {
        Assert.Equal(expected, BlockRanges.AlignDown(t, range));
    }

    private static List<BlockMeta> Parse(string blocks) =>
        blocks.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((b, i) =>
        {
            var parts = b.Split('-');
            return new BlockMeta { Id = "B" + i, MinTime = long.Parse(parts[0]), MaxTime = long.Parse(parts[1]) };
        }).ToList();
}
