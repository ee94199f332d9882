using System.Net;
using System.Text;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Api.Tests.Hosting;

public sealed class ReloadHttpClientTests
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

    /// <summary>Answers every request once released; ignores cancellation, like a send still unwinding.</summary>
    private sealed class GatedHandler : HttpMessageHandler
    {
        public TaskCompletionSource Requested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Disposed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.TrySetResult();
            await Release.Task.ConfigureAwait(false);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }

    private sealed class Clients : IHttpClientProvider
    {
        private readonly Lock _gate = new();
        private readonly List<GatedHandler> _handlers = [];

        public GatedHandler this[int index]
        {
            get
            {
                lock (_gate)
                {
                    return _handlers[index];
                }
            }
        }

        public HttpClient Get(HttpClientConfig config, string integration)
        {
            var handler = new GatedHandler();
            lock (_gate)
            {
                _handlers.Add(handler);
            }
            return new HttpClient(handler);
        }
    }

    [Fact]
    public async Task Reload_NothingInFlight_OldGenerationClientsDisposedNewKept()
    {
        var clients = new Clients();
        await using var am = await TestAlertmanager.StartAsync(Config, clients);

        (await am.Http.PostAsync("/-/reload", null)).EnsureSuccessStatusCode();

        await clients[0].Disposed.Task.WaitAsync(Patience);
        Assert.False(clients[1].Disposed.Task.IsCompleted);
    }

    [Fact]
    public async Task Reload_NotificationInFlight_OldClientDisposedOnlyAfterItReturns()
    {
        var clients = new Clients();
        await using var am = await TestAlertmanager.StartAsync(Config, clients);
        using var body = new StringContent("""[{"labels":{"alertname":"A"}}]""", Encoding.UTF8, "application/json");
        (await am.Http.PostAsync("/api/v2/alerts", body)).EnsureSuccessStatusCode();
        await clients[0].Requested.Task.WaitAsync(Patience);

        (await am.Http.PostAsync("/-/reload", null)).EnsureSuccessStatusCode();

        Assert.False(clients[0].Disposed.Task.IsCompleted);
        clients[0].Release.TrySetResult();
        await clients[0].Disposed.Task.WaitAsync(Patience);
        clients[1].Release.TrySetResult();
    }
}
