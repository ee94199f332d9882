using System.Net;
using Vigil.Bench.Parsing;

namespace Vigil.Bench.Scrape;

/// <summary>
/// Serves N node-exporter-like targets (one port each, so each has its own <c>instance</c>) in the text format.
/// The bodies are built up front: <see cref="Rounds"/> variants of the same series whose values grow from one
/// variant to the next, handed out in turn per target, so every scrape sees new values while the generator
/// spends nothing but a buffer copy. After the last variant the values wrap (a counter reset every
/// <see cref="Rounds"/> scrapes), which both servers see alike.
/// </summary>
public sealed class SyntheticTargets : IAsyncDisposable
{
    /// <summary>Body variants; at 1s scrapes the values wrap every 30 s.</summary>
    public const int Rounds = 30;

    private readonly HttpListener _listener = new();
    private readonly byte[][] _bodies;
    private readonly int[] _ports;
    private readonly long[] _served;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private SyntheticTargets(int targets, int series)
    {
        _bodies = [.. Enumerable.Range(0, Rounds).Select(r => NodeExporterPayload.Build(series, openMetrics: false, round: r))];
        _ports = [.. Enumerable.Range(0, targets).Select(_ => FreePort.Next())];
        _served = new long[targets];
        foreach (var port in _ports)
        {
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        }
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The <c>host:port</c> of every target, for <c>static_configs</c>.</summary>
    public IEnumerable<string> Addresses => _ports.Select(p => $"127.0.0.1:{p}");

    /// <summary>Bytes in one body.</summary>
    public int BodyBytes => _bodies[0].Length;

    /// <summary>Starts <paramref name="targets"/> targets of <paramref name="series"/> series each.</summary>
    public static SyntheticTargets Start(int targets, int series) => new(targets, series);

    /// <summary>Prometheus configuration scraping every target under one job at <paramref name="interval"/>.</summary>
    public string ScrapeConfig(string interval, string evaluationInterval = "1m", string ruleFile = "") =>
        $"""
        global:
          scrape_interval: {interval}
          scrape_timeout: {interval}
          evaluation_interval: {evaluationInterval}
        {(ruleFile.Length > 0 ? $"rule_files: ['{ruleFile}']" : "")}
        scrape_configs:
        - job_name: synthetic
          static_configs:
          - targets: [{string.Join(", ", Addresses.Select(a => $"'{a}'"))}]

        """;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends a pending GetContextAsync this way.
        }
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var target = Array.IndexOf(_ports, context.Request.LocalEndPoint.Port);
        var round = target < 0 ? 0 : Interlocked.Increment(ref _served[target]);
        var body = _bodies[round % Rounds];
        var response = context.Response;
        try
        {
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // A scraper that gave up (timeout) closed the connection; the next scrape gets a fresh one.
            response.Abort();
        }
    }
}
