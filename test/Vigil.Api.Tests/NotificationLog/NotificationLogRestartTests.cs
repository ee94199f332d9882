using System.Text;
using Vigil.Api.Tests.Hosting;

namespace Vigil.Api.Tests.NotificationLog;

public sealed class NotificationLogRestartTests : IDisposable
{
    // Short group timers so flushes come quickly; a repeat interval no test run reaches.
    private const string Config = """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
          group_interval: 100ms
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:1/hook
        """;

    private const string Alert = """[{"labels":{"alertname":"A"}}]""";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _storage = Directory.CreateTempSubdirectory("vigil-nflog-restart-").FullName;

    public void Dispose() => Directory.Delete(_storage, recursive: true);

    [Fact]
    public async Task Restart_SameAlertReposted_NotNotifiedAgainBeforeRepeatInterval()
    {
        var before = new RecordingHttpClients();
        await using (var am = await TestAlertmanager.StartWithStorageAsync(Config, _storage, before))
        {
            await PostAsync(am.Http);
            await before.Delivered.Task.WaitAsync(Patience);
            // The notification log is written after the webhook answers, in the same flush; stopping now
            // could cancel that write. A second dedup query means the next flush began, so the first is done.
            await WaitForNotificationLogQueriesAsync(am.Http, 2);
        }

        var after = new RecordingHttpClients();
        await using (var am = await TestAlertmanager.StartWithStorageAsync(Config, _storage, after))
        {
            await PostAsync(am.Http);
            // Flushes of a group run one after another, so a second dedup query means the first
            // flush after the restart has finished, including any delivery it decided on.
            await WaitForNotificationLogQueriesAsync(am.Http, 2);
        }

        Assert.Single(before.Bodies);
        Assert.Empty(after.Bodies);
    }

    private static async Task PostAsync(HttpClient http) =>
        (await http.PostAsync("/api/v2/alerts", new StringContent(Alert, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

    // The dedup stage queries the notification log on every flush.
    private static Task WaitForNotificationLogQueriesAsync(HttpClient http, long atLeast) =>
        MetricsPolling.WaitForAsync(http, "alertmanager_nflog_queries_total", v => v >= atLeast, Patience);
}
