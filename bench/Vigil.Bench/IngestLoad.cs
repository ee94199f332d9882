using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Bench;

/// <summary>Posts distinct alerts in batches from several concurrent clients and times the whole ingest.</summary>
public sealed class IngestLoad(BenchOptions options)
{
    private readonly byte[][] _batches = BuildBatches(options);

    /// <summary>Posts every batch; returns the wall-clock time from the first request to the last answer.</summary>
    public async Task<TimeSpan> RunAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < _batches.Length)
            {
                await PostAsync(http, _batches[i]);
            }
        })));
        return clock.Elapsed;
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v2/alerts", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/v2/alerts answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Builds all bodies up front so JSON formatting is not part of the measurement.</summary>
    private static byte[][] BuildBatches(BenchOptions options)
    {
        var startsAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var batches = new List<byte[]>();
        for (var first = 0; first < options.Alerts; first += options.BatchSize)
        {
            var body = new StringBuilder("[");
            for (var i = first; i < Math.Min(first + options.BatchSize, options.Alerts); i++)
            {
                body.Append(i == first ? "" : ",")
                    .Append($$"""{"labels":{"alertname":"Bench{{i % 20}}","instance":"host-{{i}}:9100","job":"bench","severity":"warning"},""")
                    .Append($$"""  "annotations":{"summary":"load {{i}}"},"startsAt":"{{startsAt}}","generatorURL":"http://bench/graph"}""");
            }

            batches.Add(Encoding.UTF8.GetBytes(body.Append(']').ToString()));
        }

        return [.. batches];
    }
}
