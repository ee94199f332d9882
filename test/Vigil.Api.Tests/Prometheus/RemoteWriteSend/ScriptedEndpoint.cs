using System.Collections.Concurrent;
using System.Net;
using Vigil.Api.Prometheus.RemoteWrite;

namespace Vigil.Api.Tests.Prometheus.RemoteWriteSend;

/// <summary>A remote write endpoint in memory: answers each request with the next scripted status (then 204) and keeps what it got.</summary>
internal sealed class ScriptedEndpoint : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpResponseMessage> _script = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The next request gets <paramref name="status"/> (with <paramref name="retryAfter"/> if given).</summary>
    public ScriptedEndpoint Then(HttpStatusCode status, TimeSpan? retryAfter = null, string body = "")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        }
        _script.Enqueue(response);
        return this;
    }

    /// <summary>Every sample received, in arrival order, as (labels text, timestamp, value).</summary>
    public List<(string Labels, long Timestamp, double Value)> Samples() =>
        [.. Requests.SelectMany(r => r.Series.SelectMany(s => s.Samples.Select(p => (Text(s.Labels), p.Timestamp, p.Value))))];

    private static string Text(Model.Labels.LabelSet labels) => string.Join(",", labels.Select(l => $"{l.Name}={l.Value}"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        using var batch = WriteRequestDecoder.Decode(bytes);
        var series = Enumerable.Range(0, batch.SeriesCount)
            .Select(i => new ReceivedSeries(batch.Labels(i), batch.Samples(i).ToArray(), [.. batch.HistogramSamples.Where(h => h.Series == i)]))
            .ToList();
        Requests.Enqueue(new Received(headers, series));
        return _script.TryDequeue(out var response) ? response : new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    /// <summary>One request: its headers and decoded series.</summary>
    public sealed record Received(IReadOnlyDictionary<string, string> Headers, IReadOnlyList<ReceivedSeries> Series);

    /// <summary>One decoded series of a request.</summary>
    public sealed record ReceivedSeries(Model.Labels.LabelSet Labels, WriteSample[] Samples, WriteHistogram[] Histograms);
}
