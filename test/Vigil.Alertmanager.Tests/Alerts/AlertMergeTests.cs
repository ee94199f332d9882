using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Alerts;

public sealed class AlertMergeTests
{
    private static readonly DateTimeOffset Now = At(1000);

    private static Alert A(double starts, double ends, double updated, bool timeout = false, string note = "") => new()
    {
        Labels = L("alertname", "x"),
        Annotations = note.Length == 0 ? Vigil.Model.Labels.LabelSet.Empty : L("note", note),
        StartsAt = At(starts),
        EndsAt = ends < 0 ? DateTimeOffset.MinValue : At(ends),
        UpdatedAt = At(updated),
        Timeout = timeout,
    };

    // Overlap as upstream tests it: incoming end or start strictly inside the stored interval.
    [Theory]
    [InlineData(100, 200, 150, 300, true)]   // incoming starts inside
    [InlineData(100, 200, 50, 150, true)]    // incoming ends inside
    [InlineData(100, 200, 200, 300, false)]  // touches the end: not inside
    [InlineData(100, 200, 50, 100, false)]   // ends exactly at the stored start
    [InlineData(100, 200, 300, 400, false)]  // disjoint, later
    [InlineData(100, 200, 100, 250, false)]  // same start, ends after: neither strictly inside
    [InlineData(100, 200, 50, 250, false)]   // covers the stored interval entirely
    public void Overlaps_Intervals_FollowsUpstreamCondition(double s1, double e1, double s2, double e2, bool expected)
    {
        Assert.Equal(expected, AlertMerge.Overlaps(A(s1, e1, 1), A(s2, e2, 2)));
    }

    [Fact]
    public void Merge_YoungerUpdate_TakesAnnotationsAndEarliestStart()
    {
        var merged = AlertMerge.Merge(A(100, 2000, 10, note: "old"), A(150, 2100, 20, note: "new"), Now);

        Assert.Equal("new", merged.Annotations.Get("note"));
        Assert.Equal(At(100), merged.StartsAt);
        Assert.Equal(At(2100), merged.EndsAt);
    }

    [Fact]
    public void Merge_OlderArgumentIsYounger_SwapsRoles()
    {
        var merged = AlertMerge.Merge(A(100, 2000, 30, note: "stored-newer"), A(50, 2100, 20, note: "incoming-older"), Now);

        Assert.Equal("stored-newer", merged.Annotations.Get("note"));
        Assert.Equal(At(50), merged.StartsAt);
    }

    [Fact]
    public void Merge_FiringYoungerWithTimeoutEnd_LaterExplicitEndOfOlderWins()
    {
        var merged = AlertMerge.Merge(A(100, 3000, 10), A(100, 1300, 20, timeout: true), Now);

        Assert.Equal(At(3000), merged.EndsAt);
        Assert.True(merged.Timeout); // the younger alert's flag stays, as upstream
    }

    [Fact]
    public void Merge_FiringYounger_LaterTimeoutEndOfOlderDoesNotWin()
    {
        var merged = AlertMerge.Merge(A(100, 3000, 10, timeout: true), A(100, 1300, 20), Now);

        Assert.Equal(At(1300), merged.EndsAt);
    }

    [Fact]
    public void Merge_BothResolved_LatestResolutionWins()
    {
        var merged = AlertMerge.Merge(A(100, 900, 10), A(100, 800, 20), Now);

        Assert.Equal(At(900), merged.EndsAt);
    }

    [Fact]
    public void Merge_YoungerResolvedOlderFiring_YoungerResolutionStands()
    {
        var merged = AlertMerge.Merge(A(100, 5000, 10), A(100, 800, 20), Now);

        Assert.Equal(At(800), merged.EndsAt);
    }

    [Fact]
    public void Combine_NoOverlap_IncomingReplacesStored()
    {
        var incoming = A(3000, 4000, 20, note: "new");

        Assert.Same(incoming, AlertMerge.Combine(A(100, 200, 10, note: "old"), incoming, Now));
    }
}
