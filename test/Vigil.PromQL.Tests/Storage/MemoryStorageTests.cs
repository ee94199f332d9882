using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Tests.Storage;

public sealed class MemoryStorageTests
{
    [Fact]
    public void Select_MatchingSeries_ReturnsSamplesInWindowInOrder()
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        app.Append(LabelSet.Of("__name__", "up", "job", "a"), 2000, 2);
        app.Append(LabelSet.Of("__name__", "up", "job", "a"), 1000, 1);
        app.Append(LabelSet.Of("__name__", "up", "job", "b"), 1000, 5);
        app.Commit();

        var series = storage.Select(0, 1500, [new Matcher(MatcherType.Equal, "job", "a")]).Single();

        Assert.Equal([new Sample(1000, 1)], series.Samples(0, 1500));
    }

    [Fact]
    public void Append_WithoutCommit_IsNotVisible()
    {
        var storage = new MemoryStorage();
        storage.Appender().Append(LabelSet.Of("__name__", "up"), 0, 1);

        Assert.Empty(storage.Select(0, 10, [new Matcher(MatcherType.Equal, "__name__", "up")]));
    }

    [Fact]
    public void StaleNaN_HasUpstreamBitPattern()
    {
        Assert.Equal(0x7ff0000000000002UL, BitConverter.DoubleToUInt64Bits(StaleNaN.Value));
        Assert.True(new Sample(0, StaleNaN.Value).IsStale);
        Assert.False(new Sample(0, double.NaN).IsStale);
    }
}
