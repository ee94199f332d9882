using Vigil.Model.Labels;
using Vigil.Tsdb.Head;

namespace Vigil.Tsdb.Tests.Head;

public sealed class ScratchHeadTests
{
    [Fact]
    public void ForScratch_Metrics_OutsideTheExportedPrefix()
    {
        using var head = TsdbHead.ForScratch();

        // Servers export meters whose names start with "Vigil"; scratch data must not count as the head's.
        Assert.Equal(TsdbHead.ScratchMeterName, head.Metrics.Meter.Name);
        Assert.False(head.Metrics.Meter.Name.StartsWith("Vigil", StringComparison.Ordinal));
    }

    [Fact]
    public void ForScratch_AppendAndSelect_LikeAnyHead()
    {
        using var head = TsdbHead.ForScratch();
        var appender = head.Appender();
        appender.Append(LabelSet.Of("__name__", "up"), 1000, 1);
        appender.Commit();

        var series = Assert.Single(head.Select(0, 2000, MatcherParser.ParseList("{__name__=\"up\"}")));
        Assert.Equal([1.0], series.Samples(0, 2000).Select(s => s.Value));
    }

    [Fact]
    public void New_Metrics_OnTheExportedMeter()
    {
        using var head = new TsdbHead();

        Assert.Equal("Vigil.Tsdb", head.Metrics.Meter.Name);
    }
}
