using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>
/// Compares the JSON answers of Prometheus and Vigil to the same API path: exactly, except native histogram bucket
/// bounds, which may differ in the last bit (upstream's table of bound fractions is not correctly rounded; see
/// docs/prometheus.md) and are compared to 1e-15 relative.
/// </summary>
internal static class HistogramAnswers
{
    /// <summary>The differences between both answers to <paramref name="path"/>, and whether Prometheus's held buckets.</summary>
    public static async Task<(List<string> Differences, bool WithBuckets)> CompareAsync(HttpClient real, HttpClient ours, string path)
    {
        var expected = await GetAsync(real, path);
        var withBuckets = expected.ToJsonString().Contains("\"buckets\"", StringComparison.Ordinal);
        var actual = await GetAsync(ours, path);
        if (expected["status"]?.GetValue<string>() != "success")
        {
            throw new InvalidOperationException($"prometheus rejected {path}: {expected}");
        }
        var differences = new List<string>();
        Compare(Sorted(expected["data"]), Sorted(actual["data"]), path, "data", differences);
        return (differences, withBuckets);
    }

    private static JsonNode? Sorted(JsonNode? data)
    {
        if (data?["result"] is JsonArray result)
        {
            var ordered = result.Select(r => r!.DeepClone()).OrderBy(r => r["metric"]!.ToJsonString(), StringComparer.Ordinal).ToList();
            var copy = data.DeepClone();
            copy["result"] = new JsonArray([.. ordered]);
            return copy;
        }
        return data;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string query, string at, List<string> differences)
    {
        switch (expected)
        {
            case JsonObject e when actual is JsonObject a:
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Compare(e[key], a[key], query, $"{at}.{key}", differences);
                }
                return;
            case JsonArray e when actual is JsonArray a && e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], query, $"{at}[{i}]", differences);
                }
                return;
        }
        var (x, y) = (expected?.ToJsonString(), actual?.ToJsonString());
        if (x != y && !(IsBound(at) && Close(expected, actual)))
        {
            differences.Add($"{query} at {at}: prometheus {x ?? "(none)"}, vigil {y ?? "(none)"}");
        }
    }

    private static bool IsBound(string at) => at.Contains(".buckets[", StringComparison.Ordinal) && (at.EndsWith("[1]", StringComparison.Ordinal) || at.EndsWith("[2]", StringComparison.Ordinal));

    /// <summary>Within 4 units in the last place: same sign, and at most 4 doubles apart (adjacent doubles' bits differ by 1).</summary>
    private static bool Close(JsonNode? expected, JsonNode? actual) =>
        double.TryParse(expected?.GetValue<string>(), CultureInfo.InvariantCulture, out var e)
        && double.TryParse(actual?.GetValue<string>(), CultureInfo.InvariantCulture, out var a)
        && Math.Sign(e) == Math.Sign(a)
        && Math.Abs(BitConverter.DoubleToInt64Bits(e) - BitConverter.DoubleToInt64Bits(a)) <= 4;

    private static async Task<JsonObject> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

}
