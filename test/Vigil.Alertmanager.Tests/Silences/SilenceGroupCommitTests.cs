using Vigil.Alertmanager.Silences;
using Vigil.Alertmanager.Tests.Persistence;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceGroupCommitTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SetAsync_ManyConcurrentClients_EveryAcknowledgedSilenceRecovered()
    {
        string[] ids;
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            var perClient = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
            {
                var mine = new List<string>();
                for (var i = 0; i < 50; i++)
                {
                    mine.Add(await store.SetAsync(S($"{{client=\"{c}\",n=\"{i}\"}}")));
                }

                return mine;
            }));
            ids = [.. (await Task.WhenAll(perClient)).SelectMany(x => x)];
        }

        using var reopened = new FileSilenceJournal(_dir.Path);
        var recovered = new SilenceStore(_clock, TimeSpan.FromHours(1), reopened);
        Assert.Equal(400, recovered.Count);
        Assert.All(ids, id => Assert.NotNull(recovered.Get(id)));
    }

    [Fact]
    public async Task SetAsync_ConcurrentUpdatesOfOneSilence_RecoveredVersionIsTheLatestInMemory()
    {
        string id;
        Silence? latest;
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            id = store.Set(S("{a=\"b\"}"));
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.SetAsync(S("{a=\"b\"}") with { Id = id, Comment = $"c{i}" }))));
            latest = store.Get(id);
        }

        using var reopened = new FileSilenceJournal(_dir.Path);
        var recovered = new SilenceStore(_clock, TimeSpan.FromHours(1), reopened).Get(id);
        Assert.Equal(latest!.Comment, recovered!.Comment);
        Assert.Equal(latest.UpdatedAt, recovered.UpdatedAt);
    }

    [Fact]
    public async Task SetAsync_JournalFailsToMakeCreateDurable_ThrowsAndSilenceIsGone()
    {
        var store = new SilenceStore(_clock, TimeSpan.FromHours(1), new FailingJournal { Failing = true });
        await Assert.ThrowsAsync<IOException>(() => store.SetAsync(S("{a=\"b\"}")));
        Assert.Equal(0, store.Count);
    }

    [Theory]
    [InlineData("{a=\"b\"}", 0, 120)] // in-place update
    [InlineData("{a=\"c\"}", 0, 60)] // new matchers: expire old + create new
    public async Task SetAsync_JournalFailsToMakeUpdateDurable_PreviousVersionRestored(string matchers, double start, double end)
    {
        var journal = new FailingJournal();
        var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
        var id = store.Set(S("{a=\"b\"}"));
        var before = store.Get(id);
        journal.Failing = true;
        await Assert.ThrowsAsync<IOException>(() => store.SetAsync(S(matchers, start, end) with { Id = id }));
        Assert.Equal(1, store.Count);
        Assert.Same(before, store.Get(id));
    }

    [Fact]
    public async Task ExpireAsync_JournalFails_SilenceStaysActive()
    {
        var journal = new FailingJournal();
        var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
        var id = store.Set(S("{a=\"b\"}"));
        journal.Failing = true;
        await Assert.ThrowsAsync<IOException>(() => store.ExpireAsync(id));
        Assert.Equal(SilenceState.Active, store.Get(id)!.StateAt(_clock.GetUtcNow()));
    }

    /// <summary>A journal whose records fail asynchronously, as a failed group-commit batch does.</summary>
    private sealed class FailingJournal : ISilenceJournal
    {
        public bool Failing { get; set; }

        public IEnumerable<Silence> Recover() => [];

        public void Record(Silence silence) => RecordAsync(silence).GetAwaiter().GetResult();

        public Task RecordAsync(Silence silence) =>
            Failing ? Task.FromException(new IOException("injected journal failure")) : Task.CompletedTask;

        public void Compact(IEnumerable<Silence> silences)
        {
        }
    }
}
