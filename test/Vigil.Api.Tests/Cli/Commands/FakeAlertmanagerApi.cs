using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Vigil.Cli;
using Vigil.Commands;

namespace Vigil.Api.Tests.Cli.Commands;

/// <summary>
/// A scripted Alertmanager API for the CLI commands: answers by "METHOD /path" (query ignored),
/// records every request, and can play an unreachable server.
/// </summary>
internal sealed class FakeAlertmanagerApi : HttpMessageHandler
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Queue<(HttpStatusCode, string)>> _answers = new(StringComparer.Ordinal);

    public List<(string Method, string PathAndQuery, string Body)> Requests { get; } = [];

    public bool Unreachable { get; set; }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Answers <paramref name="methodAndPath"/> with this body; repeated answers are used in order, the last one sticks.</summary>
    public FakeAlertmanagerApi On(string methodAndPath, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        if (!_answers.TryGetValue(methodAndPath, out var queue))
        {
            _answers[methodAndPath] = queue = new();
        }

        queue.Enqueue((status, body));
        return this;
    }

    public AlertmanagerApiClient Client(ParsedFlags _) => new(new HttpClient(this), new Uri("http://am.test:9093"));

    public (int Code, string Out, string Err) Run(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new CommandLine([command], "test").RunAsync(args, new CommandIo(output, error, default)).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    public IEnumerable<(string Method, string PathAndQuery, string Body)> Sent(string method) => Requests.Where(r => r.Method == method);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, body));
        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        }

        var key = request.Method.Method + " " + request.RequestUri.AbsolutePath;
        if (!_answers.TryGetValue(key, out var queue))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("\"no route\"") };
        }

        var (status, text) = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }

    /// <summary>An API alert with these labels and status.</summary>
    public static string Alert(string labelsJson, string state = "active", string silencedBy = "", string inhibitedBy = "", string fingerprint = "f0", string receivers = "default") =>
        $$$"""{"labels":{{{labelsJson}}},"annotations":{"summary":"sum"},"startsAt":"2026-03-01T11:00:00.000Z","endsAt":"2026-03-01T13:00:00.000Z","fingerprint":"{{{fingerprint}}}","receivers":[{"name":"{{{receivers}}}"}],"status":{"state":"{{{state}}}","silencedBy":[{{{Quoted(silencedBy)}}}],"inhibitedBy":[{{{Quoted(inhibitedBy)}}}]}}""";

    /// <summary>An API silence.</summary>
    public static string Silence(string id, string state = "active", string endsAt = "2026-03-01T14:00:00.000Z") =>
        $$$"""{"id":"{{{id}}}","status":{"state":"{{{state}}}"},"updatedAt":"2026-03-01T11:00:00.000Z","matchers":[{"name":"alertname","value":"A","isRegex":false,"isEqual":true}],"startsAt":"2026-03-01T11:00:00.000Z","endsAt":"{{{endsAt}}}","createdBy":"ops","comment":"deploy","annotations":{}}""";

    private static string Quoted(string csv) => string.Join(",", csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => $"\"{s}\""));
}
