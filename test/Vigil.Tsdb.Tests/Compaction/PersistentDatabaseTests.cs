using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Storage.Memory;
using Vigil.Tsdb.Compaction;
using Vigil.Tsdb.Tests.Blocks;
using static Vigil.Tsdb.Tests.Blocks.BlockTestKit;

namespace Vigil.Tsdb.Tests.Compaction;

public sealed class PersistentDatabaseTests : IDisposable
{
    private const long Hour = 3_600_000;
    private static readonly LabelSet[] Series = [LabelSet.Of("__name__", "up", "instance", "a"), LabelSet.Of("__name__", "up", "instance", "b")];

    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void RunOnce_ThenRestart_BlocksWalAndHeadTogetherHoldEverySample()
    {
        var oracle = new MemoryStorage();
        using (var tsdb = TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, _time, NullLoggerFactory.Instance))
        using (var db = PersistentDatabase.Open(tsdb, NullLoggerFactory.Instance))
        {
            Append(db.Storage, oracle, 0, 10 * Hour);
            var result = db.RunOnce();
            Assert.Equal((4, 1, false), (result.HeadBlocks, result.MergedBlocks, result.Failed));
            Append(db.Storage, oracle, 10 * Hour, 11 * Hour);
            AssertSameData(oracle, db.Storage, 0, 11 * Hour, All);
        }

        using var reopened = TsdbStorage.Open(new TsdbOptions { Path = _dir.Path }, _time, NullLoggerFactory.Instance);
        using var again = PersistentDatabase.Open(reopened, NullLoggerFactory.Instance);

        Assert.Equal(2, again.Blocks.Blocks.Count);
        AssertSameData(oracle, again.Storage, 0, 11 * Hour, All);
        var appender = again.Storage.Appender();
        Assert.Equal(AppendStatus.OutOfBounds, appender.Append(LabelSet.Of("__name__", "late"), Hour, 1));
    }

    public void Dispose() => _dir.Dispose();

    private static void Append(IStorage storage, MemoryStorage oracle, long from, long to)
    {
        var appender = storage.Appender();
        var copy = oracle.Appender();
        for (var t = from; t < to; t += 30_000)
        {
            foreach (var labels in Series)
            {
                Assert.Equal(AppendStatus.Ok, appender.Append(labels, t, t / 30_000));
                copy.Append(labels, t, t / 30_000);
            }
        }
        appender.Commit();
        copy.Commit();
    }
}
