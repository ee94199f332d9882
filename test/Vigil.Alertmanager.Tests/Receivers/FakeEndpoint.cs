using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Alertmanager.Tests.Receivers;

/// <summary>A request the fake endpoint received.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>How the fake endpoint answers.</summary>
public sealed record FakeAnswer(int Status, string Body, string ContentType = "text/plain", TimeSpan Delay = default, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeAnswer Ok { get; } = new(200, "ok");
}

/// <summary>
/// A local HTTP endpoint on 127.0.0.1 standing in for Slack or a webhook receiver: it records
/// requests and answers with whatever the test scripted (status, body, Retry-After, delay).
/// </summary>
public sealed class FakeEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeEndpoint()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path = "/") => $"http://127.0.0.1:{Port}{path}";

    /// <summary>What to answer next (the last one set keeps answering).</summary>
    public FakeAnswer Answer { get; set; } = FakeAnswer.Ok;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public ReceivedRequest Single() => Assert.Single(Requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, body));
        var answer = Answer;
        try
        {
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stop.Token);
            }
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout tests) or the endpoint is stopping.
        }
    }
}
