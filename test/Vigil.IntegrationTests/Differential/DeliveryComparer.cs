using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Differential;

/// <summary>Compares two implementations' deliveries: every delivery of the reference must have a partner
/// on the same path with the same answer, the same body and a time within <see cref="Tolerance"/>
/// (timestamps inside bodies likewise), and nothing may be left over on either side.</summary>
public static class DeliveryComparer
{
    /// <summary>Timer-driven sends of two processes started side by side land within this of each other.</summary>
    public const double Tolerance = 1.0;

    /// <summary>Returns a readable list of differences; empty when the two agree.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyList<Delivery> reference, IReadOnlyList<Delivery> candidate)
    {
        var unmatched = candidate.ToList();
        var differences = new List<string>();
        foreach (var expected in reference)
        {
            var partner = unmatched.FirstOrDefault(d => Agree(expected, d));
            if (partner is not null)
            {
                unmatched.Remove(partner);
                continue;
            }

            differences.Add(Explain(expected, unmatched));
        }

        differences.AddRange(unmatched.Select(d => $"extra delivery: {d}"));
        return differences;
    }

    private static bool Agree(Delivery a, Delivery b) =>
        a.Path == b.Path && a.AnsweredStatus == b.AnsweredStatus && a.ContentType == b.ContentType
        && Math.Abs(a.Offset - b.Offset) <= Tolerance && FirstDifference(a.Body, b.Body, "$") is null;

    private static string Explain(Delivery expected, List<Delivery> candidates)
    {
        var text = new StringBuilder($"missing delivery: {expected}");
        var nearest = candidates.Where(d => d.Path == expected.Path).MinBy(d => Math.Abs(d.Offset - expected.Offset));
        if (nearest is not null)
        {
            text.Append($"\n  nearest on {expected.Path}: t+{nearest.Offset:0.00}s -> {nearest.AnsweredStatus}");
            text.Append($"\n  first body difference: {FirstDifference(expected.Body, nearest.Body, "$") ?? "(none; time or status differs)"}");
        }

        return text.ToString();
    }

    /// <summary>The JSON path and values of the first difference, or null if the bodies agree.</summary>
    public static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (null, null):
                return null;
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                {
                    if (!oa.ContainsKey(key) || !ob.ContainsKey(key))
                    {
                        return $"{path}.{key}: present on one side only ({Show(oa[key])} vs {Show(ob[key])})";
                    }

                    if (FirstDifference(oa[key], ob[key], $"{path}.{key}") is { } diff)
                    {
                        return diff;
                    }
                }

                return null;
            case (JsonArray xa, JsonArray xb):
                if (xa.Count != xb.Count)
                {
                    return $"{path}: {xa.Count} items vs {xb.Count}";
                }

                for (var i = 0; i < xa.Count; i++)
                {
                    if (FirstDifference(xa[i], xb[i], $"{path}[{i}]") is { } diff)
                    {
                        return diff;
                    }
                }

                return null;
            case (JsonValue va, JsonValue vb):
                return ValuesAgree(va, vb) ? null : $"{path}: {Show(va)} vs {Show(vb)}";
            default:
                return $"{path}: {Show(a)} vs {Show(b)}";
        }
    }

    private static bool ValuesAgree(JsonValue a, JsonValue b)
    {
        if (a.TryGetValue<string>(out var sa) && b.TryGetValue<string>(out var sb)
            && sa.StartsWith(DeliveryNormaliser.TimePrefix, StringComparison.Ordinal)
            && sb.StartsWith(DeliveryNormaliser.TimePrefix, StringComparison.Ordinal))
        {
            return Math.Abs(Offset(sa) - Offset(sb)) <= Tolerance;
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static double Offset(string time) =>
        double.Parse(time[DeliveryNormaliser.TimePrefix.Length..], CultureInfo.InvariantCulture);

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
