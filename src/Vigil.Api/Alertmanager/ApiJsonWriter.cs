using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Alertmanager.Alerts;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Writes API v2 responses field by field in the order and shape Alertmanager emits them, so
/// clients that compare output (and humans diffing the two) see the same bytes.
/// </summary>
public static class ApiJsonWriter
{
    /// <summary>Writer options: like Go's encoder used by the API, no HTML escaping of &lt; &gt; &amp;.</summary>
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a <c>gettableAlert</c>.</summary>
    public static void WriteAlert(Utf8JsonWriter w, Alert alert, AlertStatus status, IReadOnlyList<string> receivers, IReadOnlyList<string> mutedBy)
    {
        w.WriteStartObject();
        w.WritePropertyName("annotations");
        WriteLabels(w, alert.Annotations);
        w.WriteString("endsAt", GoTime.Format(alert.EndsAt));
        w.WriteString("fingerprint", alert.Fingerprint.ToString());
        w.WriteStartArray("receivers");
        foreach (var r in receivers)
        {
            WriteReceiverReference(w, r);
        }
        w.WriteEndArray();
        w.WriteString("startsAt", GoTime.Format(alert.StartsAt));
        WriteStatus(w, status, mutedBy);
        w.WriteString("updatedAt", GoTime.Format(alert.UpdatedAt));
        if (alert.GeneratorUrl.Length > 0)
        {
            w.WriteString("generatorURL", alert.GeneratorUrl);
        }
        w.WritePropertyName("labels");
        WriteLabels(w, alert.Labels);
        w.WriteEndObject();
    }

    /// <summary>Writes a label set as a JSON object.</summary>
    public static void WriteLabels(Utf8JsonWriter w, LabelSet labels)
    {
        w.WriteStartObject();
        foreach (var l in labels.AsSpan())
        {
            w.WriteString(l.Name, l.Value);
        }
        w.WriteEndObject();
    }

    /// <summary>Writes <c>{"name": ...}</c>.</summary>
    public static void WriteReceiverReference(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter w, AlertStatus status, IReadOnlyList<string> mutedBy)
    {
        w.WriteStartObject("status");
        WriteStrings(w, "inhibitedBy", status.InhibitedBy);
        WriteStrings(w, "mutedBy", mutedBy);
        WriteStrings(w, "silencedBy", status.SilencedBy);
        // A group muted by a time interval shows its alerts as suppressed, as upstream does.
        var state = mutedBy.Count > 0 ? AlertState.Suppressed : status.State;
        w.WriteString("state", state.ToString().ToLowerInvariant());
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }
}
