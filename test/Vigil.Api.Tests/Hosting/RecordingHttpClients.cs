using System.Collections.Concurrent;
using System.Net;
using Vigil.Alertmanager.Config;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Api.Tests.Hosting;

/// <summary>Records every webhook body and answers 200, so nothing leaves the machine.</summary>
public sealed class RecordingHttpClients : IHttpClientProvider
{
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>Completes at the first delivery.</summary>
    public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HttpClient Get(HttpClientConfig config, string integration) => new(new Handler(this));

    private sealed class Handler(RecordingHttpClients owner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.Bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
            owner.Delivered.TrySetResult();
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
