using System.Text;
using Vigil.Api.Tests.Hosting;

namespace Vigil.Api.Tests.Silences;

public sealed class SilenceDeliveryTests
{
    private const string Config = """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:1/hook
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Notify_SilencedAlert_SuppressedAndNotDelivered()
    {
        var clients = new RecordingHttpClients();
        await using var am = await TestAlertmanager.StartAsync(Config, clients);
        await SilencesApiTests.CreateAsync(am.Http, SilencesApiTests.Body("""[{"name":"alertname","value":"A","isRegex":false}]""", TimeSpan.Zero, TimeSpan.FromHours(1)));

        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A"}}]"""))).EnsureSuccessStatusCode();
        await WaitForSilenceSuppressionAsync(am.Http);
        // An unsilenced alert afterwards proves the receiver works and orders the check after A's flush.
        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"B"}}]"""))).EnsureSuccessStatusCode();
        await clients.Delivered.Task.WaitAsync(Patience);

        var body = Assert.Single(clients.Bodies);
        Assert.Contains("\"alertname\":\"B\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"alertname\":\"A\"", body, StringComparison.Ordinal);
    }

    // The silence stage counts each alert it drops; exactly one (A) is expected.
    private static Task WaitForSilenceSuppressionAsync(HttpClient http) =>
        MetricsPolling.WaitForAsync(http, "alertmanager_notifications_suppressed_total{reason=\"silence\"}", v => v == 1, Patience);
}
