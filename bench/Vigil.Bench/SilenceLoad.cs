using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Bench;

/// <summary>
/// Creates silences through <c>POST /api/v2/silences</c> from several concurrent clients. Most
/// silences match none of the bench alerts (an instance that does not exist); every 100th matches
/// exactly one alert; every 10th uses a regex matcher, so both the equality index and the regex
/// path of each server are exercised.
/// </summary>
public sealed class SilenceLoad(int silences, int alerts, int clients)
{
    private readonly byte[][] _bodies = Build(silences, alerts);

    /// <summary>How many of the silences match a bench alert.</summary>
    public int Matching => Enumerable.Range(0, silences).Count(i => i % 100 == 0 && i < alerts);

    /// <summary>Posts every silence; returns the wall-clock time from the first request to the last answer.</summary>
    public async Task<TimeSpan> RunAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < _bodies.Length)
            {
                await PostAsync(http, _bodies[i]);
            }
        })));
        return clock.Elapsed;
    }

    private static async Task PostAsync(HttpClient http, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v2/silences", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/v2/silences answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    // Bodies are built up front so JSON formatting is not part of the measurement.
    private static byte[][] Build(int silences, int alerts)
    {
        var startsAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var endsAt = DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var bodies = new byte[silences][];
        for (var i = 0; i < silences; i++)
        {
            // The same label values IngestLoad gives alert i, so a "matching" silence mutes exactly that alert.
            var instance = i % 100 == 0 && i < alerts ? $"host-{i}:9100" : $"gone-{i}:9100";
            var regex = i % 10 == 5;
            var matchers = $$"""[{"name":"alertname","value":"Bench{{i % 20}}","isRegex":false,"isEqual":true},""" +
                $$"""{"name":"instance","value":"{{(regex ? instance + "|none" : instance)}}","isRegex":{{(regex ? "true" : "false")}},"isEqual":true}]""";
            bodies[i] = Encoding.UTF8.GetBytes(
                $$"""{"matchers":{{matchers}},"startsAt":"{{startsAt}}","endsAt":"{{endsAt}}","createdBy":"bench","comment":"silence {{i}}"}""");
        }

        return bodies;
    }
}
