using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
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

    /// <summary>Records every webhook body and answers 200, so nothing leaves the machine.</summary>
    private sealed class RecordingClients : IHttpClientProvider
    {
        public ConcurrentQueue<string> Bodies { get; } = new();

        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HttpClient Get(HttpClientConfig config, string integration) => new(new Handler(this));

        private sealed class Handler(RecordingClients owner) : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                owner.Bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
                owner.Delivered.TrySetResult();
                return new HttpResponseMessage(HttpStatusCode.OK);
            }
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Notify_SilencedAlert_SuppressedAndNotDelivered()
    {
        var clients = new RecordingClients();
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

    // Polls the metric the silence stage increments; no fixed sleep, bounded by Patience.
    private static async Task WaitForSilenceSuppressionAsync(HttpClient http)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var metrics = await http.GetStringAsync("/metrics", deadline.Token);
            if (metrics.Contains("alertmanager_notifications_suppressed_total{reason=\"silence\"} 1", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Yield();
        }
    }
}
