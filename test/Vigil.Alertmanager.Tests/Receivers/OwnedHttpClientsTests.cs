using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

public sealed class OwnedHttpClientsTests
{
    private sealed class TrackedHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private sealed class Provider : IHttpClientProvider
    {
        public List<TrackedHandler> Handlers { get; } = [];

        public HttpClient Get(HttpClientConfig config, string integration)
        {
            var handler = new TrackedHandler();
            Handlers.Add(handler);
            return new HttpClient(handler);
        }
    }

    [Fact]
    public void Dispose_ClientsHandedOut_AllDisposed()
    {
        var provider = new Provider();
        var owned = new OwnedHttpClients(provider);
        owned.Get(new HttpClientConfig(), "slack");
        owned.Get(new HttpClientConfig(), "webhook");

        Assert.Equal(2, owned.Count);
        Assert.DoesNotContain(provider.Handlers, h => h.Disposed);
        owned.Dispose();

        Assert.All(provider.Handlers, h => Assert.True(h.Disposed));
        Assert.Equal(0, owned.Count);
    }

    [Fact]
    public void Get_AfterDispose_Throws()
    {
        var owned = new OwnedHttpClients(new Provider());
        owned.Dispose();

        Assert.Throws<ObjectDisposedException>(() => owned.Get(new HttpClientConfig(), "slack"));
    }
}
