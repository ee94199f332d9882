using System.Text.Json;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.Silences;

/// <summary>The on-disk form of one silence version: compact JSON, times in Unix milliseconds.</summary>
public static class SilenceCodec
{
    /// <summary>Encodes a silence as UTF-8 JSON.</summary>
    public static byte[] Encode(Silence s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteStartArray("matchers");
            foreach (var m in s.Matchers)
            {
                w.WriteStartObject();
                w.WriteString("op", m.Type.Symbol());
                w.WriteString("name", m.Name);
                w.WriteString("value", m.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("startsAt", s.StartsAt.ToUnixTimeMilliseconds());
            w.WriteNumber("endsAt", s.EndsAt.ToUnixTimeMilliseconds());
            w.WriteNumber("updatedAt", s.UpdatedAt.ToUnixTimeMilliseconds());
            w.WriteString("createdBy", s.CreatedBy);
            w.WriteString("comment", s.Comment);
            if (s.Annotations.Count > 0)
            {
                w.WriteStartObject("annotations");
                foreach (var (key, value) in s.Annotations)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static Silence Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var root = doc.RootElement;
            return new Silence
            {
                Id = root.GetProperty("id").GetString()!,
                Matchers = [.. root.GetProperty("matchers").EnumerateArray().Select(DecodeMatcher)],
                StartsAt = Time(root, "startsAt"),
                EndsAt = Time(root, "endsAt"),
                UpdatedAt = Time(root, "updatedAt"),
                CreatedBy = root.GetProperty("createdBy").GetString()!,
                Comment = root.GetProperty("comment").GetString()!,
                Annotations = DecodeAnnotations(root),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"bad silence record: {e.Message}", e);
        }
    }

    // Optional: records written before annotations were stored have none.
    private static IReadOnlyDictionary<string, string> DecodeAnnotations(JsonElement root)
    {
        if (!root.TryGetProperty("annotations", out var obj))
        {
            return Silence.NoAnnotations;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            annotations[p.Name] = p.Value.GetString()!;
        }

        return annotations;
    }

    private static DateTimeOffset Time(JsonElement root, string name) =>
        DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty(name).GetInt64());

    private static Matcher DecodeMatcher(JsonElement m) => new(
        Op(m.GetProperty("op").GetString()),
        m.GetProperty("name").GetString()!,
        m.GetProperty("value").GetString()!);

    private static MatcherType Op(string? symbol) => symbol switch
    {
        "=" => MatcherType.Equal,
        "!=" => MatcherType.NotEqual,
        "=~" => MatcherType.Regexp,
        "!~" => MatcherType.NotRegexp,
        _ => throw new FormatException($"unknown matcher operator {symbol}"),
    };
}
