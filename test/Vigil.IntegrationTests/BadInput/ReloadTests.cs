using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>A bad config on reload must be refused and the running config kept.</summary>
public sealed class ReloadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task Reload_BrokenConfig_RefusedAndOldConfigKeepsDelivering(AlertmanagerFlavor flavor)
    {
        await using var sink = await HttpSink.StartAsync();
        await using var am = await AlertmanagerServer.StartAsync(flavor, $"""
            route:
              receiver: old
              group_wait: 1s
            receivers:
            - name: old
              webhook_configs:
              - url: '{sink.Url("/old")}'
            """);

        await File.WriteAllTextAsync(am.ConfigPath, "route:\n  receiver: [broken\n");
        var status = await am.ReloadAsync();
        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=AfterBadReload"])));

        Assert.NotEqual(200, status);
        await sink.WaitForAsync(r => r.Path == "/old", 1, Deadline, am.Diagnostics);
        Assert.False(am.Process.HasExited, am.Diagnostics());
    }

    [Theory]
    [MemberData(nameof(Flavors.All), MemberType = typeof(Flavors))]
    public async Task Reload_GoodConfig_NewReceiverTakesOver(AlertmanagerFlavor flavor)
    {
        await using var sink = await HttpSink.StartAsync();
        const string Template = """
            route:
              receiver: r
              group_wait: 1s
            receivers:
            - name: r
              webhook_configs:
              - url: 'URL'
            """;
        await using var am = await AlertmanagerServer.StartAsync(flavor, Template.Replace("URL", sink.Url("/old"), StringComparison.Ordinal));

        await File.WriteAllTextAsync(am.ConfigPath, Template.Replace("URL", sink.Url("/new"), StringComparison.Ordinal));
        var status = await am.ReloadAsync();
        await am.PostAlertsOrThrowAsync(AlertJson.Array(AlertJson.Alert(["alertname=AfterGoodReload"])));

        Assert.Equal(200, status);
        await sink.WaitForAsync(r => r.Path == "/new", 1, Deadline, am.Diagnostics);
        Assert.Empty(sink.On("/old"));
    }
}
