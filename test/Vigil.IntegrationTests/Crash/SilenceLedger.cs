using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.Crash;

/// <summary>Every silence the server acknowledged with a 200, as it was sent, to be found again (identical)
/// after any number of crashes.</summary>
public sealed class SilenceLedger
{
    private readonly ConcurrentDictionary<string, JsonObject> _acked = new();
    private long _unanswered;
    private int _lost;

    /// <summary>Silences acknowledged with 200, lost ones included.</summary>
    public int Acked => _acked.Count + _lost;

    /// <summary>Acknowledged silences still found intact (checked after each restart).</summary>
    public int Intact => _acked.Count;

    /// <summary>Acknowledged silences found missing or changed after a restart (and then no longer checked).</summary>
    public int Lost => _lost;

    /// <summary>Requests cut off by a kill (no answer): they may or may not have been stored.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Posts a silence with random matchers of all four kinds; records it if the answer is 200.
    /// Starts in the future: a start in the past is moved to "now" by the server, and the check is for identical times.</summary>
    public async Task CreateAsync(HttpClient http, Random random)
    {
        var body = RandomSilence(random);
        try
        {
            using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/api/v2/silences", content);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"silence POST answered {(int)response.StatusCode}: {text}");
            }

            _acked[JsonNode.Parse(text)!["silenceID"]!.GetValue<string>()] = body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _unanswered);
        }
    }

    /// <summary>Fetches every acknowledged silence by id; returns one line per one that is missing or changed, and
    /// stops checking those (so each loss is reported once).</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(HttpClient http)
    {
        var problems = new List<string>();
        foreach (var (id, sent) in _acked)
        {
            using var response = await http.GetAsync($"/api/v2/silence/{id}");
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 200)
            {
                problems.Add($"silence {id} (acknowledged with 200) answered {(int)response.StatusCode}: {text}");
                Drop(id);
                continue;
            }

            if (Difference(sent, JsonNode.Parse(text)!.AsObject()) is { } difference)
            {
                problems.Add($"silence {id}: {difference}");
                Drop(id);
            }
        }

        return problems;
    }

    private void Drop(string id)
    {
        _acked.TryRemove(id, out _);
        _lost++;
    }

    private static string? Difference(JsonObject sent, JsonObject stored)
    {
        foreach (var field in new[] { "startsAt", "endsAt" })
        {
            var want = DateTimeOffset.Parse(sent[field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var got = DateTimeOffset.Parse(stored[field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            if (want != got)
            {
                return $"{field} sent {want:O}, stored {got:O}";
            }
        }

        var wantMatchers = Matchers(sent);
        var gotMatchers = Matchers(stored);
        return wantMatchers.SequenceEqual(gotMatchers) ? null
            : $"matchers sent [{string.Join(", ", wantMatchers)}], stored [{string.Join(", ", gotMatchers)}]";
    }

    private static IReadOnlyList<string> Matchers(JsonObject silence) =>
    [
        .. silence["matchers"]!.AsArray()
            .Select(m => $"{m!["name"]} {m["isEqual"]} {m["isRegex"]} {m["value"]}")
            .Order(StringComparer.Ordinal),
    ];

    private static JsonObject RandomSilence(Random random)
    {
        // Whole milliseconds, so the times round-trip exactly through both JSON encoders.
        var startsAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())
            + TimeSpan.FromMinutes(random.Next(1, 60));
        var endsAt = startsAt + TimeSpan.FromMinutes(random.Next(1, 600)) + TimeSpan.FromMilliseconds(random.Next(1000));
        var n = random.Next(1000);
        return new JsonObject
        {
            ["matchers"] = new JsonArray(
                Matcher("alertname", "Crash", isRegex: false, isEqual: true),
                Matcher("round", $"{n}|{n + 1}", isRegex: true, isEqual: random.Next(2) == 0),
                Matcher("instance", "i-" + n, isRegex: false, isEqual: false)),
            ["startsAt"] = AlertJson.Format(startsAt),
            ["endsAt"] = AlertJson.Format(endsAt),
            ["createdBy"] = "crash-test",
            ["comment"] = $"crash test silence {n}",
        };
    }

    private static JsonObject Matcher(string name, string value, bool isRegex, bool isEqual) => new()
    {
        ["name"] = name,
        ["value"] = value,
        ["isRegex"] = isRegex,
        ["isEqual"] = isEqual,
    };
}
