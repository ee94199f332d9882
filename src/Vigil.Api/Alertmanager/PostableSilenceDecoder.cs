using System.Text.Json;
using Vigil.Alertmanager.Silences;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Turns a <c>POST /api/v2/silences</c> body (<c>postableSilence</c>) into a <see cref="Silence"/>,
/// or a message saying precisely what is wrong, in upstream's words where upstream has them.
/// </summary>
public static class PostableSilenceDecoder
{
    /// <summary>The silence the body describes, or null and the reason.</summary>
    public static Silence? Decode(ReadOnlyMemory<byte> body, out string error)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return FromRoot(doc.RootElement, out error);
        }
        catch (JsonException e)
        {
            error = $"body must be a JSON silence object: invalid JSON: {e.Message}";
            return null;
        }
    }

    private static Silence? FromRoot(JsonElement root, out string error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "body must be a JSON silence object";
            return null;
        }

        var matchers = Matchers(root, out error);
        if (matchers is null
            || !TryTime(root, "startsAt", out var startsAt, out error)
            || !TryTime(root, "endsAt", out var endsAt, out error)
            || !TryString(root, "id", out var id, out error)
            || !TryString(root, "createdBy", out var createdBy, out error)
            || !TryString(root, "comment", out var comment, out error)
            || !TryAnnotations(root, out var annotations, out error))
        {
            return null;
        }

        return new Silence
        {
            Id = id,
            Matchers = matchers,
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedBy = createdBy,
            Comment = comment,
            Annotations = annotations,
        };
    }

    // A labelSet in the spec: an object whose values are all strings.
    private static bool TryAnnotations(JsonElement root, out IReadOnlyDictionary<string, string> annotations, out string error)
    {
        annotations = Silence.NoAnnotations;
        error = "";
        if (!root.TryGetProperty("annotations", out var obj) || obj.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (obj.ValueKind != JsonValueKind.Object)
        {
            error = "annotations: expected an object of string values";
            return false;
        }

        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                error = $"annotations.{p.Name}: expected a string value";
                return false;
            }

            read[p.Name] = p.Value.GetString()!;
        }

        annotations = read.Count > 0 ? read : Silence.NoAnnotations;
        return true;
    }

    private static List<Matcher>? Matchers(JsonElement root, out string error)
    {
        error = "";
        if (!root.TryGetProperty("matchers", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            // The store would say the same; saying it here keeps the message identical to upstream's.
            error = "silence invalid: at least one matcher required";
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            error = "matchers: expected an array";
            return null;
        }

        var matchers = new List<Matcher>();
        var i = 0;
        foreach (var m in list.EnumerateArray())
        {
            var matcher = ToMatcher(m, i, out error);
            if (matcher is null)
            {
                return null;
            }

            matchers.Add(matcher);
            i++;
        }

        if (matchers.Count == 0)
        {
            error = "silence invalid: at least one matcher required";
            return null;
        }

        return matchers;
    }

    private static Matcher? ToMatcher(JsonElement m, int index, out string error)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            error = $"matchers[{index}]: expected an object";
            return null;
        }

        if (!TryString(m, "name", out var name, out error) || !TryString(m, "value", out var value, out error)
            || !TryBool(m, "isRegex", false, out var isRegex, out error) || !TryBool(m, "isEqual", true, out var isEqual, out error))
        {
            error = $"matchers[{index}].{error}";
            return null;
        }

        var type = (isRegex, isEqual) switch
        {
            (false, true) => MatcherType.Equal,
            (false, false) => MatcherType.NotEqual,
            (true, true) => MatcherType.Regexp,
            _ => MatcherType.NotRegexp,
        };
        if (!SilenceValidation.TryCreateMatcher(type, name, value, out var matcher, out var why))
        {
            // Same wording as the store's own validation ("invalid label matcher N: ...").
            error = $"silence invalid: invalid label matcher {index}: {why}";
            return null;
        }

        return matcher;
    }

    private static bool TryString(JsonElement obj, string name, out string value, out string error)
    {
        value = "";
        error = "";
        if (!obj.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (p.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: expected a string value";
            return false;
        }

        value = p.GetString()!;
        return true;
    }

    private static bool TryBool(JsonElement obj, string name, bool fallback, out bool value, out string error)
    {
        value = fallback;
        error = "";
        if (!obj.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (p.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"{name}: expected a boolean value";
            return false;
        }

        value = p.GetBoolean();
        return true;
    }

    private static bool TryTime(JsonElement obj, string name, out DateTimeOffset value, out string error)
    {
        value = default;
        error = "";
        if (!obj.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            // Absent means Go's zero time; the store answers "invalid zero start timestamp" as upstream.
            return true;
        }

        if (p.ValueKind != JsonValueKind.String || !p.TryGetDateTimeOffset(out value))
        {
            error = $"{name}: expected an RFC 3339 date-time";
            return false;
        }

        return true;
    }
}
