using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;
using Vigil.Api.Tests.Hosting;

namespace Vigil.Api.Tests.NotificationLog;

public sealed partial class NotificationLogRestartTests : IDisposable
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
        var before = new RecordingClients();
        await using (var am = await TestAlertmanager.StartWithStorageAsync(Config, _storage, before))
        {
            await PostAsync(am.Http);
            await before.Delivered.Task.WaitAsync(Patience);
        }

        var after = new RecordingClients();
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

    // Polls the counter the dedup stage bumps on every flush; no fixed sleep, bounded by Patience.
    private static async Task WaitForNotificationLogQueriesAsync(HttpClient http, long atLeast)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var match = QueriesTotal().Match(await http.GetStringAsync("/metrics", deadline.Token));
            if (match.Success && double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) >= atLeast)
            {
                return;
            }

            await Task.Yield();
        }
    }

    [GeneratedRegex(@"^alertmanager_nflog_queries_total (\S+)$", RegexOptions.Multiline)]
    private static partial Regex QueriesTotal();

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
}
