using System.Globalization;
using System.Text.Json;
using Vigil.Model.Labels;

namespace Vigil.Alertmanager.NotificationLog;

/// <summary>The on-disk form of one notification log entry: compact JSON, times in Unix milliseconds.</summary>
public static class NotificationLogEntryCodec
{
    /// <summary>Encodes an entry as UTF-8 JSON.</summary>
    public static byte[] Encode(NotificationLogEntry e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("receiver", e.ReceiverKey);
            w.WriteString("group", e.GroupKey);
            w.WriteNumber("timestamp", e.Timestamp.ToUnixTimeMilliseconds());
            w.WriteNumber("expiresAt", e.ExpiresAt.ToUnixTimeMilliseconds());
            WriteFingerprints(w, "firing", e.FiringAlerts);
            WriteFingerprints(w, "resolved", e.ResolvedAlerts);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static NotificationLogEntry Decode(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var root = doc.RootElement;
            return new NotificationLogEntry(
                root.GetProperty("receiver").GetString()!,
                root.GetProperty("group").GetString()!,
                Time(root, "timestamp"),
                ReadFingerprints(root, "firing"),
                ReadFingerprints(root, "resolved"),
                Time(root, "expiresAt"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"bad notification log record: {e.Message}", e);
        }
    }

    // Fingerprints as their usual 16-digit hex, so a hexdump of the file reads like the API.
    private static void WriteFingerprints(Utf8JsonWriter w, string name, IReadOnlyList<Fingerprint> fingerprints)
    {
        w.WriteStartArray(name);
        foreach (var f in fingerprints)
        {
            w.WriteStringValue(f.ToString());
        }

        w.WriteEndArray();
    }

    private static Fingerprint[] ReadFingerprints(JsonElement root, string name) =>
        [.. root.GetProperty(name).EnumerateArray().Select(ParseFingerprint)];

    private static Fingerprint ParseFingerprint(JsonElement element) =>
        new(ulong.Parse(element.GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));

    private static DateTimeOffset Time(JsonElement root, string name) =>
        DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty(name).GetInt64());
}
