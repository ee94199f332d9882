using Vigil.Alertmanager.Alerts;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Tests.Alerts;

public sealed class AlertMarkerTests
{
    private static readonly Fingerprint Fp = new(42);

    [Fact]
    public void Status_Unknown_IsUnprocessed()
    {
        Assert.Equal(AlertState.Unprocessed, new AlertMarker().Status(Fp).State);
    }

    [Theory]
    [InlineData(new string[0], new string[0], AlertState.Active)]
    [InlineData(new[] { "s1" }, new string[0], AlertState.Suppressed)]
    [InlineData(new string[0], new[] { "a1" }, AlertState.Suppressed)]
    [InlineData(new[] { "s1" }, new[] { "a1" }, AlertState.Suppressed)]
    public void Status_AfterMarks_CombinesSilencesAndInhibitions(string[] silences, string[] inhibitors, AlertState expected)
    {
        var marker = new AlertMarker();

        marker.SetSilenced(Fp, silences);
        marker.SetInhibited(Fp, inhibitors);

        var status = marker.Status(Fp);
        Assert.Equal(expected, status.State);
        Assert.Equal(silences, status.SilencedBy);
        Assert.Equal(inhibitors, status.InhibitedBy);
    }

    [Fact]
    public void SetInhibited_Cleared_KeepsSilenceSuppression()
    {
        var marker = new AlertMarker();
        marker.SetSilenced(Fp, ["s1"]);
        marker.SetInhibited(Fp, ["a1"]);

        marker.SetInhibited(Fp, []);

        Assert.Equal(AlertState.Suppressed, marker.Status(Fp).State);
        Assert.Equal(["s1"], marker.Status(Fp).SilencedBy);
    }

    [Fact]
    public void Delete_Marked_BecomesUnprocessed()
    {
        var marker = new AlertMarker();
        marker.SetInhibited(Fp, []);

        marker.Delete(Fp);

        Assert.Equal(AlertState.Unprocessed, marker.Status(Fp).State);
        Assert.Equal(0, marker.Count());
    }
}
