using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using Vigil.Model.Labels;
using static Vigil.Alertmanager.Tests.Alerts.TestAlerts;

namespace Vigil.Alertmanager.Tests.Alerts;

public sealed class AlertIngestTests
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void Prepare_NoTimes_StartsNowEndsAfterResolveTimeoutWithTimeoutFlag()
    {
        var clock = Clock();

        var result = new AlertIngest(clock).Prepare([new Alert { Labels = L("alertname", "a") }], ResolveTimeout);

        var alert = Assert.Single(result.Valid);
        Assert.Equal(Epoch, alert.StartsAt);
        Assert.Equal(Epoch + ResolveTimeout, alert.EndsAt);
        Assert.Equal(Epoch, alert.UpdatedAt);
        Assert.True(alert.Timeout);
    }

    [Fact]
    public void Prepare_OnlyEnd_StartsAtEndAndNoTimeout()
    {
        var clock = Clock();
        var end = Epoch.AddMinutes(-1);

        var result = new AlertIngest(clock).Prepare([new Alert { Labels = L("alertname", "a"), EndsAt = end }], ResolveTimeout);

        var alert = Assert.Single(result.Valid);
        Assert.Equal(end, alert.StartsAt);
        Assert.Equal(end, alert.EndsAt);
        Assert.False(alert.Timeout);
    }

    [Fact]
    public void Prepare_GivenStartAndEnd_KeepsThemAndStampsUpdatedAt()
    {
        var clock = Clock();
        var posted = new Alert { Labels = L("alertname", "a"), StartsAt = Epoch.AddHours(-1), EndsAt = Epoch.AddHours(1), UpdatedAt = Epoch.AddDays(-9) };

        var alert = Assert.Single(new AlertIngest(clock).Prepare([posted], ResolveTimeout).Valid);

        Assert.Equal(posted.StartsAt, alert.StartsAt);
        Assert.Equal(posted.EndsAt, alert.EndsAt);
        Assert.Equal(Epoch, alert.UpdatedAt);
        Assert.False(alert.Timeout);
    }

    public static TheoryData<Alert, string, string> Invalid => new()
    {
        { new Alert { Labels = L("alertname", "a"), StartsAt = Epoch, EndsAt = Epoch.AddSeconds(-1) }, "endsAt", "start time must be before end time" },
        { new Alert { Labels = LabelSet.Empty }, "labels", "at least one label pair required" },
        { new Alert { Labels = LabelSet.Of("alertname", "") }, "labels", "at least one label pair required" },
        { new Alert { Labels = L("1bad", "x") }, "labels", "invalid label set: invalid name \"1bad\"" },
        { new Alert { Labels = L("with-dash", "x") }, "labels", "invalid label set: invalid name \"with-dash\"" },
        { new Alert { Labels = L("a", "bad\ud800") }, "labels", "invalid label set: invalid value " },
        { new Alert { Labels = L("a", "b"), Annotations = L("no good", "x") }, "annotations", "invalid annotations: invalid name \"no good\"" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Prepare_InvalidAlert_NamesIndexAndField(Alert bad, string field, string message)
    {
        var good = new Alert { Labels = L("alertname", "ok") };

        var result = new AlertIngest(Clock()).Prepare([good, bad], ResolveTimeout);

        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(message, error.Message);
        Assert.StartsWith($"alerts[1].{field}: ", error.ToString());
        Assert.Single(result.Valid); // upstream stores the good ones; an all-or-nothing caller checks Ok
    }

    [Fact]
    public void UpstreamMessage_SeveralErrors_JoinedLikeAlertmanager()
    {
        var result = new AlertIngest(Clock()).Prepare([new Alert { Labels = LabelSet.Empty }, new Alert { Labels = LabelSet.Empty }], ResolveTimeout);

        Assert.Equal("at least one label pair required; at least one label pair required", result.UpstreamMessage);
    }
}
