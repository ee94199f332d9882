using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// Lenient readers over API objects kept as <see cref="JsonElement"/>: a missing or mistyped field reads as
/// absent, because the API server omits empty fields and a label must then be empty, not an error.
/// </summary>
internal static class KubeJson
{
    /// <summary>The property <paramref name="name"/>, or an undefined element.</summary>
    public static JsonElement Get(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    /// <summary>A nested property by path, or an undefined element.</summary>
    public static JsonElement At(this JsonElement e, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            e = e.Get(name);
        }
        return e;
    }

    /// <summary>The string at <paramref name="name"/>, or "" when absent.</summary>
    public static string Str(this JsonElement e, string name) => e.OptStr(name) ?? "";

    /// <summary>The string at <paramref name="name"/>, or null when absent.</summary>
    public static string? OptStr(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>The boolean at <paramref name="name"/>, or null when absent.</summary>
    public static bool? OptBool(this JsonElement e, string name) => e.Get(name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The integer at <paramref name="name"/>, or null when absent.</summary>
    public static long? OptInt(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) ? n : null;

    /// <summary>The array items at <paramref name="name"/> (none when absent).</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : [];

    /// <summary>The string pairs of the object at <paramref name="name"/> (none when absent).</summary>
    public static IEnumerable<(string Key, string Value)> Pairs(this JsonElement e, string name) =>
        e.Get(name) is { ValueKind: JsonValueKind.Object } v
            ? v.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))
            : [];

    /// <summary>metadata.namespace of an object.</summary>
    public static string Namespace(this JsonElement obj) => obj.Get("metadata").Str("namespace");

    /// <summary>metadata.name of an object.</summary>
    public static string Name(this JsonElement obj) => obj.Get("metadata").Str("name");

    /// <summary>The store key of an object: namespace/name, or the name of a cluster-wide object.</summary>
    public static string Key(this JsonElement obj) => KeyOf(obj.Namespace(), obj.Name());

    /// <summary>The store key of a namespaced name.</summary>
    public static string KeyOf(string ns, string name) => ns.Length == 0 ? name : $"{ns}/{name}";
}
