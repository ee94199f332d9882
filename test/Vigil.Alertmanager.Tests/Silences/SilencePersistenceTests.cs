using Vigil.Alertmanager.Silences;
using Vigil.Alertmanager.Tests.Persistence;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilencePersistenceTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Codec_RoundTrip_AllMatcherKindsAndUtf8Names()
    {
        var s = S("{a=\"1\",b!=\"2\",c=~\"x|y\",\"ü.name\"!~\"z+\"}") with { Id = "id", UpdatedAt = Epoch };
        var back = SilenceCodec.Decode(SilenceCodec.Encode(s));
        Assert.Equal(s.Matchers, back.Matchers);
        Assert.Equal(s with { Matchers = back.Matchers }, back);
    }

    [Fact]
    public void Codec_RoundTrip_KeepsAnnotations()
    {
        var s = S("{a=\"1\"}") with { Id = "id", Annotations = new Dictionary<string, string> { ["ticket"] = "OPS-1", ["ü"] = "" } };
        var back = SilenceCodec.Decode(SilenceCodec.Encode(s));
        Assert.Equal(s.Annotations.OrderBy(a => a.Key), back.Annotations.OrderBy(a => a.Key));
    }

    [Fact]
    public void Codec_RecordWithoutAnnotations_DecodesWithNone()
    {
        var back = SilenceCodec.Decode("""{"id":"i","matchers":[{"op":"=","name":"a","value":"b"}],"startsAt":0,"endsAt":1,"updatedAt":0,"createdBy":"","comment":""}"""u8);
        Assert.Empty(back.Annotations);
    }

    [Fact]
    public void Reopen_AfterCreateUpdateExpire_RecoversLatestVersions()
    {
        string kept, expired;
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            kept = store.Set(S("{a=\"b\"}"));
            store.Set(S("{a=\"b\"}", 0, 120) with { Id = kept, Comment = "longer" });
            expired = store.Set(S("{c=\"d\"}"));
            store.Expire(expired);
        }

        using var reopened = new FileSilenceJournal(_dir.Path);
        var recovered = new SilenceStore(_clock, TimeSpan.FromHours(1), reopened);
        Assert.Equal(2, recovered.Count);
        Assert.Equal("longer", recovered.Get(kept)!.Comment);
        Assert.Equal([kept], recovered.Mutes(LabelSet.Of("a", "b")));
        Assert.Equal(SilenceState.Expired, recovered.Get(expired)!.StateAt(_clock.GetUtcNow()));
    }

    [Fact]
    public void CollectGarbage_CompactsJournal_DroppedStayDropped()
    {
        string old;
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            old = store.Set(S("{a=\"b\"}", 0, 10));
            _clock.Advance(TimeSpan.FromHours(2));
            store.Set(S("{c=\"d\"}", 120, 180));
            Assert.Equal(1, store.CollectGarbage());
        }

        using var reopened = new FileSilenceJournal(_dir.Path);
        var recovered = new SilenceStore(_clock, TimeSpan.FromHours(1), reopened);
        Assert.Null(recovered.Get(old));
        Assert.Equal(1, recovered.Count);
    }

    [Fact]
    public void Reopen_TornLastWrite_KeepsEarlierSilencesAndWarns()
    {
        string first;
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            first = store.Set(S("{a=\"b\"}"));
            store.Set(S("{c=\"d\"}"));
        }

        var path = _dir.File(FileSilenceJournal.FileName);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^5]);
        var warnings = new List<string>();
        using var reopened = new FileSilenceJournal(_dir.Path, warnings.Add);
        var recovered = new SilenceStore(_clock, TimeSpan.FromHours(1), reopened);
        Assert.Equal(1, recovered.Count);
        Assert.NotNull(recovered.Get(first));
        Assert.Single(warnings);
    }

    [Fact]
    public void Set_Invalid_NothingJournalled()
    {
        using (var journal = new FileSilenceJournal(_dir.Path))
        {
            var store = new SilenceStore(_clock, TimeSpan.FromHours(1), journal);
            Assert.Throws<InvalidSilenceException>(() => store.Set(S("{a=\"\"}")));
        }

        Assert.Equal(0, new FileInfo(_dir.File(FileSilenceJournal.FileName)).Length);
    }
}
