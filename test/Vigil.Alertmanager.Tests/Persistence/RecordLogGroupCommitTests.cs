using System.Text;
using Vigil.Alertmanager.Persistence;

namespace Vigil.Alertmanager.Tests.Persistence;

public sealed class RecordLogGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDir _dir = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private string LogPath => _dir.File("g.log");

    [Theory]
    [InlineData(1, 50)]
    [InlineData(8, 200)]
    [InlineData(32, 40)]
    public async Task AppendAsync_ManyConcurrentWriters_AllPresentInWriterOrderAfterReopen(int writers, int perWriter)
    {
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add);
        using (log)
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await log.AppendAsync(Bytes($"{w}:{i}"));
                }
            })));
        }

        var records = Reopen();
        Assert.Equal(writers * perWriter, records.Count);
        foreach (var group in records.Select(r => r.Split(':')).GroupBy(p => p[0]))
        {
            Assert.Equal(Enumerable.Range(0, perWriter), group.Select(p => int.Parse(p[1])));
        }

        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task AppendAsync_WhileAFlushIsInProgress_QueuedRecordsShareOneFsync()
    {
        var sync = new ScriptedSync();
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add, sync);
        using (log)
        {
            sync.HoldCall(1);
            var first = log.AppendAsync(Bytes("first"));
            Assert.True(sync.Entered.Wait(Patience));
            var queued = Enumerable.Range(0, 10).Select(i => log.AppendAsync(Bytes($"q{i}"))).ToList();
            sync.Release.Set();
            await first;
            await Task.WhenAll(queued);
        }

        Assert.Equal(2, sync.Calls);
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(i => $"q{i}")], Reopen());
    }

    [Fact]
    public async Task AppendAsync_FsyncOfABatchFails_FailsExactlyThatBatchAndCutsItOut()
    {
        var sync = new ScriptedSync();
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add, sync);
        using (log)
        {
            sync.HoldCall(1);
            sync.FailCall(2);
            var first = log.AppendAsync(Bytes("first"));
            Assert.True(sync.Entered.Wait(Patience));
            var doomed = new[] { log.AppendAsync(Bytes("b")), log.AppendAsync(Bytes("c")) };
            sync.Release.Set();
            await first;
            foreach (var task in doomed)
            {
                var e = await Assert.ThrowsAsync<IOException>(() => task);
                Assert.Contains("g.log", e.Message, StringComparison.Ordinal);
            }

            await log.AppendAsync(Bytes("after"));
        }

        Assert.Equal(["first", "after"], Reopen());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Append_Sync_FailureSurfacesAsIOException()
    {
        var sync = new ScriptedSync();
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add, sync);
        using (log)
        {
            sync.FailCall(1);
            Assert.Throws<IOException>(() => log.Append(Bytes("x")));
            log.Append(Bytes("y"));
        }

        Assert.Equal(["y"], Reopen());
    }

    [Fact]
    public async Task Compact_ConcurrentWithWriters_FileStaysWholeAndLaterAppendsSurvive()
    {
        var (log, _) = RecordLog.Open(LogPath, _warnings.Add);
        var written = new HashSet<string>();
        using (log)
        {
            using var stop = new CancellationTokenSource();
            var compactor = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    log.Compact([Bytes("base")]);
                }
            });
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    await log.AppendAsync(Bytes($"{w}:{i}"));
                }
            })).ToList();
            await Task.WhenAll(writers);
            await stop.CancelAsync();
            await compactor;
            for (var w = 0; w < 4; w++)
            {
                for (var i = 0; i < 100; i++)
                {
                    written.Add($"{w}:{i}");
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => log.AppendAsync(Bytes($"late:{i}"))));
        }

        var records = Reopen();
        Assert.Equal("base", records[0]);
        Assert.All(records.Skip(1), r => Assert.True(written.Contains(r) || r.StartsWith("late:", StringComparison.Ordinal), r));
        Assert.Equal(20, records.Count(r => r.StartsWith("late:", StringComparison.Ordinal)));
        Assert.Empty(_warnings);
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private List<string> Reopen()
    {
        var (log, records) = RecordLog.Open(LogPath, _warnings.Add);
        log.Dispose();
        return [.. records.Select(r => Encoding.UTF8.GetString(r))];
    }

    /// <summary>An fsync that can hold one call until released and fail chosen calls (1-based).</summary>
    private sealed class ScriptedSync : IRecordFileSync
    {
        private readonly HashSet<int> _fail = [];
        private int _hold;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public int Calls { get; private set; }

        public void HoldCall(int n) => _hold = n;

        public void FailCall(int n) => _fail.Add(n);

        public void Flush(FileStream file)
        {
            // Calls are serialised by the log's file lock, so a plain counter is enough.
            Calls++;
            if (Calls == _hold)
            {
                Entered.Set();
                Release.Wait();
            }

            if (_fail.Contains(Calls))
            {
                throw new IOException("injected fsync failure");
            }

            file.Flush(true);
        }
    }
}
