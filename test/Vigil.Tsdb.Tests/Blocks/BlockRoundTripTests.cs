using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Blocks;

public sealed class BlockRoundTripTests
{
    private static readonly string[] Jobs = ["api", "db", "node", "web"];
    private static readonly string[] Patterns = ["a.*", ".*i.*", "node|web", ".+", ".*", "", "x"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Select_RandomSeriesAndMatchers_MatchesMemoryStorage(int seed)
    {
        var random = new Random(seed);
        var oracle = RandomStorage(random, out var mint, out var maxt);
        using var dir = new TempDataDir();
        var meta = WriteBlock(dir.Path, oracle, mint, maxt);
        using var block = Block.Open(Path.Combine(dir.Path, meta.Id));

        var compared = 0;
        for (var query = 0; query < 200; query++)
        {
            var matchers = RandomMatchers(random);
            var from = mint + random.NextInt64(maxt - mint);
            var to = from + random.NextInt64(maxt - from);
            compared += AssertSameData(oracle, block, from, to, matchers);
        }
        Assert.True(compared > 500, $"only {compared} series compared: the random queries select too little to mean much");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void LabelQueries_RandomMatchers_MatchMemoryStorage(int seed)
    {
        var random = new Random(seed);
        var oracle = RandomStorage(random, out var mint, out var maxt);
        using var dir = new TempDataDir();
        using var block = Block.Open(Path.Combine(dir.Path, WriteBlock(dir.Path, oracle, mint, maxt).Id));

        for (var query = 0; query < 100; query++)
        {
            var matchers = query % 4 == 0 ? All : RandomMatchers(random);
            Assert.Equal(oracle.LabelNames(mint, maxt, matchers), block.LabelNames(mint, maxt, matchers));
            foreach (var name in new[] { "__name__", "job", "instance", "env", "absent" })
            {
                Assert.Equal(oracle.LabelValues(name, mint, maxt, matchers), block.LabelValues(name, mint, maxt, matchers));
            }
        }
    }

    [Fact]
    public void Write_ManySamples_MetaCountsSeriesSamplesAndChunks()
    {
        var storage = Regular(0, 300_000, 1000, LabelSet.Of("__name__", "up", "job", "a"), LabelSet.Of("__name__", "up", "job", "b"));
        using var dir = new TempDataDir();

        var meta = WriteBlock(dir.Path, storage, 0, 300_000);

        Assert.Equal(2, meta.Stats.NumSeries);
        Assert.Equal(600, meta.Stats.NumSamples);
        Assert.Equal(6, meta.Stats.NumChunks);
        var onDisk = BlockMeta.Parse(File.ReadAllText(Path.Combine(dir.Path, meta.Id, "meta.json")));
        Assert.Equal((meta.Id, 0L, 300_000L, meta.Stats, 1), (onDisk.Id, onDisk.MinTime, onDisk.MaxTime, onDisk.Stats, onDisk.Compaction.Level));
        Assert.Equal([meta.Id], onDisk.Compaction.Sources);
    }

    [Fact]
    public void Write_SamplesOutsideRange_AreLeftOut()
    {
        var storage = Regular(0, 10_000, 1000, LabelSet.Of("__name__", "up"));
        using var dir = new TempDataDir();
        var meta = new BlockWriter(TimeProvider.System).Write(dir.Path, 3000, 6000,
            storage.Select(0, 10_000, All).Select(s => (s.Labels, s.Samples(0, 10_000))));
        using var block = Block.Open(Path.Combine(dir.Path, meta.Id));

        var samples = block.Select(0, 10_000, All).Single().Samples(0, 10_000).Select(s => s.Timestamp);

        Assert.Equal([3000L, 4000L, 5000L], samples);
    }

    [Fact]
    public void Write_SeriesOutOfOrder_IsRefusedAndLeavesNothing()
    {
        using var dir = new TempDataDir();
        var series = new[] { LabelSet.Of("a", "2"), LabelSet.Of("a", "1") }.Select(l => (l, (IEnumerable<Sample>)[new Sample(1, 1)]));

        Assert.Throws<ArgumentException>(() => new BlockWriter(TimeProvider.System).Write(dir.Path, 0, 10, series));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    private static MemoryStorage RandomStorage(Random random, out long mint, out long maxt)
    {
        var storage = new MemoryStorage();
        var appender = storage.Appender();
        mint = 1_700_000_000_000;
        maxt = mint;
        for (var i = 0; i < 60; i++)
        {
            var labels = RandomLabels(random);
            var t = mint + random.Next(0, 60_000);
            for (var n = random.Next(1, 400); n > 0; n--)
            {
                var value = random.Next(20) switch
                {
                    0 => StaleNaN.Value,
                    1 => double.NaN,
                    2 => double.NegativeInfinity,
                    _ => Math.Round(random.NextDouble() * 1000, random.Next(0, 4)),
                };
                appender.Append(labels, t, value);
                maxt = Math.Max(maxt, t + 1);
                t += random.Next(1, 30_000);
            }
        }
        appender.Commit();
        return storage;
    }

    private static LabelSet RandomLabels(Random random)
    {
        var pairs = new List<string> { "__name__", "metric_" + random.Next(4), "job", Jobs[random.Next(Jobs.Length)], "instance", "host" + random.Next(5) };
        if (random.Next(2) == 0)
        {
            pairs.AddRange(["env", random.Next(2) == 0 ? "prod" : "dev"]);
        }
        return LabelSet.Of([.. pairs]);
    }

    private static Matcher[] RandomMatchers(Random random)
    {
        var names = new[] { "__name__", "job", "instance", "env", "absent" };
        var values = new[] { "metric_1", "api", "host3", "prod", "", "nope" };
        var matchers = new Matcher[random.Next(1, 4)];
        for (var i = 0; i < matchers.Length; i++)
        {
            var type = (MatcherType)random.Next(4);
            var value = type.IsRegex() ? Patterns[random.Next(Patterns.Length)] : values[random.Next(values.Length)];
            matchers[i] = M(names[random.Next(names.Length)], type, value);
        }
        return matchers;
    }
}
