using Vigil.Alertmanager.Alerts;
using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceStoreTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private readonly SilenceStore _store;

    public SilenceStoreTests() => _store = new SilenceStore(_clock, TimeSpan.FromHours(120));

    [Fact]
    public void Set_New_AssignsUuidV4AndUpdatedAt()
    {
        var id = _store.Set(S("{a=\"b\"}"));
        Assert.True(Guid.TryParse(id, out var guid));
        Assert.Equal(4, guid.Version);
        Assert.Equal(Epoch, _store.Get(id)!.UpdatedAt);
    }

    [Fact]
    public void Set_StartInPast_StartsNow()
    {
        var id = _store.Set(S("{a=\"b\"}", -30, 60));
        Assert.Equal(Epoch, _store.Get(id)!.StartsAt);
    }

    [Fact]
    public void Set_UnknownId_NotFound()
    {
        Assert.Throws<SilenceNotFoundException>(() => _store.Set(S("{a=\"b\"}") with { Id = "nope" }));
    }

    [Fact]
    public void Set_Invalid_ThrowsWithUpstreamMessage()
    {
        var e = Assert.Throws<InvalidSilenceException>(() => _store.Set(S("{a=\"\"}")));
        Assert.Equal("silence invalid: at least one matcher must not match the empty string", e.Message);
        Assert.Equal(0, _store.Count);
    }

    [Theory]
    [InlineData("{a=\"b\"}", 0, 120, true)] // active: extend end
    [InlineData("{a=\"b\"}", 10, 60, false)] // active: start moved
    [InlineData("{a=\"c\"}", 0, 60, false)] // matchers changed
    public void Set_UpdateActive_InPlaceOnlyWhenHistoryKept(string matchers, double start, double end, bool inPlace)
    {
        var id = _store.Set(S("{a=\"b\"}"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var newId = _store.Set(S(matchers, start, end) with { Id = id });
        Assert.Equal(inPlace, newId == id);
        if (!inPlace)
        {
            Assert.Equal(SilenceState.Expired, _store.Get(id)!.StateAt(_clock.GetUtcNow()));
            Assert.NotEqual(SilenceState.Expired, _store.Get(newId)!.StateAt(_clock.GetUtcNow()));
        }
    }

    [Fact]
    public void Set_UpdatePendingStartStillFuture_InPlace()
    {
        var id = _store.Set(S("{a=\"b\"}", 30, 60));
        Assert.Equal(id, _store.Set(S("{a=\"b\"}", 40, 90) with { Id = id, Comment = "moved" }));
        Assert.Equal("moved", _store.Get(id)!.Comment);
    }

    [Fact]
    public void Set_UpdateExpired_CreatesNew()
    {
        var id = _store.Set(S("{a=\"b\"}"));
        _store.Expire(id);
        var newId = _store.Set(S("{a=\"b\"}", 0, 60) with { Id = id });
        Assert.NotEqual(id, newId);
        Assert.Equal(2, _store.Count);
    }

    [Theory]
    [InlineData(0, SilenceState.Expired)]
    [InlineData(30, SilenceState.Expired)]
    public void Expire_ActiveOrPending_EndsNow(double startMinutes, SilenceState expected)
    {
        var id = _store.Set(S("{a=\"b\"}", startMinutes, 60));
        Assert.True(_store.Expire(id));
        var s = _store.Get(id)!;
        Assert.Equal(expected, s.StateAt(Epoch));
        Assert.Equal(Epoch, s.EndsAt);
        Assert.Equal(Epoch, s.StartsAt);
    }

    [Fact]
    public void Expire_Twice_FalseThenUnknownThrows()
    {
        var id = _store.Set(S("{a=\"b\"}"));
        Assert.True(_store.Expire(id));
        Assert.False(_store.Expire(id));
        Assert.Throws<SilenceNotFoundException>(() => _store.Expire("x"));
    }

    [Theory]
    [InlineData(-1, SilenceState.Pending)]
    [InlineData(0, SilenceState.Active)]
    [InlineData(59, SilenceState.Active)]
    [InlineData(60, SilenceState.Expired)]
    public void StateAt_Table_FromClock(double minutes, SilenceState expected)
    {
        Assert.Equal(expected, S("{a=\"b\"}").StateAt(Epoch.AddMinutes(minutes)));
    }

    [Theory]
    [InlineData("{alertname=\"X\"}", true)]
    [InlineData("{alertname=\"Y\"}", false)]
    [InlineData("{alertname!=\"Y\",env=\"prod\"}", true)]
    [InlineData("{env=~\"pro.*\"}", true)]
    [InlineData("{env=~\"pro\"}", false)]
    [InlineData("{env!~\"dev|test\",alertname=\"X\"}", true)]
    [InlineData("{missing=\"\",alertname=\"X\"}", true)]
    [InlineData("{\"service.name\"=\"api\"}", true)]
    public void Mutes_MatcherKinds_MatchesAsUpstream(string matchers, bool muted)
    {
        var id = _store.Set(S(matchers));
        var labels = LabelSet.Of("alertname", "X", "env", "prod", "service.name", "api");
        Assert.Equal(muted ? [id] : [], _store.Mutes(labels));
    }

    [Fact]
    public void Mutes_PendingThenActiveThenExpired_FollowsClock()
    {
        var id = _store.Set(S("{a=\"b\"}", 10, 20));
        var labels = LabelSet.Of("a", "b");
        Assert.Empty(_store.Mutes(labels));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([id], _store.Mutes(labels));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(_store.Mutes(labels));
    }

    [Fact]
    public void Mutes_ManySilences_ReturnsOnlyMatchingSorted()
    {
        for (var i = 0; i < 1000; i++)
        {
            _store.Set(S($"{{instance=\"host{i}\"}}"));
        }

        var a = _store.Set(S("{job=~\"node\"}"));
        var b = _store.Set(S("{instance=\"host7\",job=\"node\"}"));
        var ids = _store.Mutes(LabelSet.Of("instance", "host7", "job", "node"));
        Assert.Equal(3, ids.Count);
        Assert.Contains(a, ids);
        Assert.Contains(b, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Theory]
    [InlineData("{alertname=\"X\"}", true)]
    [InlineData("{alertname=~\"X|Y\"}", true)]
    [InlineData("{alertname=\"Y\"}", false)]
    [InlineData("{env=\"\"}", true)] // absent name tolerated by an empty positive filter
    [InlineData("{alertname!=\"\"}", true)] // present name tolerated by an empty negative filter
    [InlineData("{env=\"prod\"}", false)]
    public void Query_Filter_AppliesToSilenceMatchers(string filter, bool found)
    {
        _store.Set(S("{alertname=\"X\"}"));
        var result = _store.Query(new SilenceQuery { Filter = MatcherParser.ParseList(filter) });
        Assert.Equal(found ? 1 : 0, result.Count);
    }

    [Fact]
    public void Query_State_Filters()
    {
        _store.Set(S("{a=\"1\"}"));
        _store.Set(S("{a=\"2\"}", 10, 20));
        _store.Expire(_store.Set(S("{a=\"3\"}")));
        var pending = _store.Query(new SilenceQuery { States = new HashSet<SilenceState> { SilenceState.Pending } });
        Assert.Equal("2", Assert.Single(pending).Matchers[0].Value);
        Assert.Equal(3, _store.Query(new SilenceQuery()).Count);
    }

    [Fact]
    public void CollectGarbage_PastRetention_Drops()
    {
        var id = _store.Set(S("{a=\"b\"}"));
        _store.Expire(id);
        _clock.Advance(TimeSpan.FromHours(120));
        Assert.Equal(0, _store.CollectGarbage());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _store.CollectGarbage());
        Assert.Null(_store.Get(id));
        Assert.Empty(_store.Mutes(LabelSet.Of("a", "b")));
    }

    [Fact]
    public void Silencer_Mutes_MarksSilencedBy()
    {
        var marker = new AlertMarker();
        var id = _store.Set(S("{a=\"b\"}"));
        var labels = LabelSet.Of("a", "b");
        Assert.True(new Silencer(_store, marker).Mutes(labels));
        Assert.Equal([id], marker.Status(labels.Fingerprint).SilencedBy);
        _store.Expire(id);
        Assert.False(new Silencer(_store, marker).Mutes(labels));
        Assert.Empty(marker.Status(labels.Fingerprint).SilencedBy);
    }
}
