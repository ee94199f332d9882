using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Silences.SilenceTestKit;

namespace Vigil.Alertmanager.Tests.Silences;

public sealed class SilenceLimitsTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();

    private SilenceStore Store(long maxSilences = 0, long maxBytes = 0) =>
        new(_clock, TimeSpan.FromHours(1)) { Limits = new SilenceLimits(maxSilences, maxBytes) };

    [Fact]
    public void Set_BeyondMaxSilences_RefusedWithUpstreamMessage()
    {
        var store = Store(maxSilences: 2);
        store.Set(S("{a=\"1\"}"));
        store.Set(S("{a=\"2\"}"));

        var e = Assert.Throws<InvalidSilenceException>(() => store.Set(S("{a=\"3\"}")));

        Assert.Equal("exceeded maximum number of silences: 2 (limit: 2)", e.Message);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Set_MaxSilences_CountsExpiredOnes()
    {
        var store = Store(maxSilences: 1);
        var id = store.Set(S("{a=\"1\"}"));
        store.Expire(id);

        Assert.Throws<InvalidSilenceException>(() => store.Set(S("{a=\"2\"}")));
    }

    [Fact]
    public void Set_InPlaceUpdateAtMaxSilences_Allowed()
    {
        var store = Store(maxSilences: 1);
        var id = store.Set(S("{a=\"1\"}"));

        var updated = store.Set(S("{a=\"1\"}", 0, 120) with { Id = id });

        Assert.Equal(id, updated);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    [InlineData(10_000, true)]
    [InlineData(50, false)]
    public void Set_MaxSilenceSize_RefusesOnlyLargerSilences(long limit, bool accepted)
    {
        var store = Store(maxBytes: limit);
        var silence = S("{a=\"1\"}") with { Comment = new string('x', 100) };

        if (accepted)
        {
            store.Set(silence);
            return;
        }

        var e = Assert.Throws<InvalidSilenceException>(() => store.Set(silence));
        Assert.Matches(@"^silence exceeded maximum size: \d+ bytes \(limit: 50 bytes\)$", e.Message);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void WireSize_SmallSilence_MatchesHandEncodedProtobuf()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1);
        var silence = new Silence
        {
            Id = "x",
            Matchers = [new Matcher(MatcherType.Equal, "a", "b")],
            StartsAt = start,
            EndsAt = start.AddSeconds(1),
            UpdatedAt = start,
        };

        // Silence body: id 3 + matcher set 10 + three timestamps 4 each = 25; mesh: 2 + 25 + expiry 4.
        Assert.Equal(31, SilenceWireSize.Of(silence, TimeSpan.Zero));
    }

    [Fact]
    public void WireSize_Annotations_CountEveryEntry()
    {
        var plain = S("{a=\"1\"}");
        var annotated = plain with { Annotations = new Dictionary<string, string> { ["k"] = "" } };

        // One map entry: tag + length + key (3 bytes) + empty value (2 bytes).
        Assert.Equal(SilenceWireSize.Of(plain, TimeSpan.Zero) + 7, SilenceWireSize.Of(annotated, TimeSpan.Zero));
    }
}
