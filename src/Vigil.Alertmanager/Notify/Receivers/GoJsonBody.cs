using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Serialises request bodies the way Go's <c>json.Encoder</c> writes them for Alertmanager: text
/// stays readable (no escaping of non-ASCII), but <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> are
/// written as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c>, and the document ends with a newline.
/// Receivers and differential tests that compare bodies byte for byte then see the same bytes.
/// </summary>
public static class GoJsonBody
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The UTF-8 body for <paramref name="value"/>.</summary>
    public static byte[] Serialize<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, Options);
        // Outside strings JSON has no <, > or &, so replacing them everywhere only touches string content.
        var sb = new StringBuilder(json.Length + 16);
        foreach (var c in json)
        {
            _ = c switch
            {
                '<' => sb.Append("\\u003c"),
                '>' => sb.Append("\\u003e"),
                '&' => sb.Append("\\u0026"),
                _ => sb.Append(c),
            };
        }
        return Encoding.UTF8.GetBytes(sb.Append('\n').ToString());
    }
}
