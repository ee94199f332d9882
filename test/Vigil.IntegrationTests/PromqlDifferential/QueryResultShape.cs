using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.PromqlDifferential;

/// <summary>
/// A query API answer reduced to what must match exactly: the result type and, per series (sorted by its
/// labels), each point's millisecond timestamp and the value's bits. NaNs compare equal whatever their payload.
/// </summary>
public sealed record QueryResultShape(string Status, string ResultType, IReadOnlyList<SeriesShape> Series, string Error)
{
    /// <summary>Reads a <c>/api/v1/query</c> or <c>/api/v1/query_range</c> body.</summary>
    public static QueryResultShape Parse(JsonObject body)
    {
        var status = body["status"]?.GetValue<string>() ?? "";
        if (status != "success")
        {
            return new QueryResultShape(status, "", [], body["error"]?.GetValue<string>() ?? "");
        }
        var data = body["data"]!;
        var type = data["resultType"]!.GetValue<string>();
        var result = data["result"]!;
        var series = type switch
        {
            "scalar" or "string" => [new SeriesShape("{}", [Point(result.AsArray())])],
            _ => result.AsArray().Select(s => new SeriesShape(
                    Labels(s!["metric"]!.AsObject()),
                    s["value"] is JsonArray v ? [Point(v)] : [.. s["values"]!.AsArray().Select(p => Point(p!.AsArray()))]))
                .OrderBy(s => s.Metric, StringComparer.Ordinal)
                .ToList(),
        };
        return new QueryResultShape(status, type, series, "");
    }

    /// <summary>The differences from <paramref name="expected"/>, one line each (empty when equal).</summary>
    public List<string> Differences(QueryResultShape expected, double? tolerance = 0)
    {
        if (Status != expected.Status || ResultType != expected.ResultType)
        {
            return [$"status/type {Status}/{ResultType} ({Error}), expected {expected.Status}/{expected.ResultType} ({expected.Error})"];
        }
        var mine = Series.ToDictionary(s => s.Metric);
        var theirs = expected.Series.ToDictionary(s => s.Metric);
        var lines = new List<string>();
        lines.AddRange(theirs.Keys.Except(mine.Keys).Select(m => "missing series " + m));
        lines.AddRange(mine.Keys.Except(theirs.Keys).Select(m => "extra series " + m));
        foreach (var (metric, want) in theirs)
        {
            if (mine.TryGetValue(metric, out var got) && got.Differs(want, tolerance) is { } d)
            {
                lines.Add($"{metric}: {d}");
            }
        }
        return lines;
    }

    private static string Labels(JsonObject metric) =>
        "{" + string.Join(",", metric.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value!.GetValue<string>()}\"")) + "}";

    private static (long Ms, string Text, double Value) Point(JsonArray pair)
    {
        var seconds = decimal.Parse(pair[0]!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var text = pair[1]!.GetValue<string>();
        return ((long)(seconds * 1000), text, ParseValue(text));
    }

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}

/// <summary>One series of a result: its labels rendered sorted, and its points.</summary>
public sealed record SeriesShape(string Metric, IReadOnlyList<(long Ms, string Text, double Value)> Points)
{
    /// <summary>
    /// The first difference from <paramref name="expected"/>, or null. Values must be bit-equal (or both NaN)
    /// when <paramref name="tolerance"/> is 0, within that relative tolerance otherwise, and are not compared when it is null.
    /// </summary>
    public string? Differs(SeriesShape expected, double? tolerance)
    {
        if (Points.Count != expected.Points.Count)
        {
            var extra = Points.Select(p => p.Ms).Except(expected.Points.Select(p => p.Ms)).Take(3);
            var missing = expected.Points.Select(p => p.Ms).Except(Points.Select(p => p.Ms)).Take(3);
            return $"{Points.Count} points, expected {expected.Points.Count} (extra at {string.Join(",", extra)}; missing at {string.Join(",", missing)})";
        }
        for (var i = 0; i < Points.Count; i++)
        {
            var (got, want) = (Points[i], expected.Points[i]);
            var sameValue = (double.IsNaN(got.Value) && double.IsNaN(want.Value))
                || BitConverter.DoubleToInt64Bits(got.Value) == BitConverter.DoubleToInt64Bits(want.Value)
                || tolerance is null
                || Math.Abs(got.Value - want.Value) <= tolerance * Math.Max(Math.Abs(got.Value), Math.Abs(want.Value));
            if (got.Ms != want.Ms || !sameValue)
            {
                return $"point {i}: ({got.Ms}, {got.Text}), expected ({want.Ms}, {want.Text})";
            }
        }
        return null;
    }
}
