using System.Globalization;
using System.Text.Json;

namespace Vigil.Api.Prometheus;

/// <summary>Writes a tree of dictionaries, lists, strings, numbers, booleans and nulls as JSON.</summary>
public static class JsonTree
{
    /// <summary>Writes <paramref name="value"/>; dictionaries in their own key order.</summary>
    public static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                // Go encodes a *float64 with its shortest round-trip form.
                w.WriteRawValue(d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal), skipInputValidation: true);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                w.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    w.WritePropertyName(key);
                    Write(w, item);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list)
                {
                    Write(w, item);
                }
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"no JSON form for {value.GetType().Name}", nameof(value));
        }
    }
}
