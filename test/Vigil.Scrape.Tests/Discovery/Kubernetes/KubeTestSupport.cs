using Microsoft.Extensions.Logging;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

/// <summary>Small builders and helpers for the discovery tests.</summary>
internal static class KubeTestSupport
{
    public static string Pod(string name, string ns, string ip, int port, string app = "web") => $$$"""
        {"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","uid":"uid-{{{name}}}","labels":{"app":"{{{app}}}"}},
         "spec":{"nodeName":"node-1","containers":[{"name":"app","image":"img","ports":[{"name":"metrics","containerPort":{{{port}}},"protocol":"TCP"}]}]},
         "status":{"phase":"Running","podIP":"{{{ip}}}","conditions":[{"type":"Ready","status":"True"}]}}
        """;

    public static string Service(string name, string ns, string label) => $$$"""
        {"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","labels":{"tier":"{{{label}}}"}},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","ports":[{"name":"metrics","port":80,"protocol":"TCP"}]}}
        """;

    public static string Endpoints(string name, string ns, string ip, int port, string pod) => $$$"""
        {"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"subsets":[{"addresses":[{"ip":"{{{ip}}}","targetRef":{"kind":"Pod","namespace":"{{{ns}}}","name":"{{{pod}}}"}}],"ports":[{"name":"metrics","port":{{{port}}},"protocol":"TCP"}]}]}
        """;

    /// <summary>Waits (polling) until <paramref name="condition"/> holds; fails after a generous bound.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        // A generous deadline: the discovery talks real HTTP to the fake API server, and a loaded CI machine can be slow.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (condition())
            {
                return;
            }
            await Task.Delay(10);
        }
        Assert.Fail($"timed out waiting for {what}");
    }
}

/// <summary>Captures log lines as "msg key=value ..." text.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        lock (_lock)
        {
            _lines.Add($"{logLevel} {formatter(state, exception)} {fields}");
        }
    }
}
