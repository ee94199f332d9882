using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Amtool;

/// <summary>The real amtool 0.25 managing silences, against Vigil and the real Alertmanager alike.</summary>
public sealed class AmtoolSilenceTests
{
    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task SilenceAddQueryExpire_RealAmtool_RoundTrips(AlertmanagerFlavor flavor)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, AmtoolTests.Config);

        var add = await Harness.Amtool.RunAsync(am, "silence", "add", "alertname=Maintenance", "--comment=planned work", "--author=ops", "--duration=1h");
        Assert.True(add.ExitCode == 0, add.Output + am.Diagnostics());
        var id = add.StandardOutput.Trim();
        Assert.Matches("^[0-9a-f-]{36}$", id);

        var query = await Harness.Amtool.RunAsync(am, "silence", "query");
        Assert.True(query.ExitCode == 0, query.Output + am.Diagnostics());
        Assert.Contains(id, query.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("alertname=\"Maintenance\"", query.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("planned work", query.StandardOutput, StringComparison.Ordinal);

        var expire = await Harness.Amtool.RunAsync(am, "silence", "expire", id);
        Assert.True(expire.ExitCode == 0, expire.Output + am.Diagnostics());

        var active = await Harness.Amtool.RunAsync(am, "silence", "query", "-q");
        var expired = await Harness.Amtool.RunAsync(am, "silence", "query", "-q", "--expired");
        Assert.DoesNotContain(id, active.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(id, expired.StandardOutput, StringComparison.Ordinal);
    }
}
