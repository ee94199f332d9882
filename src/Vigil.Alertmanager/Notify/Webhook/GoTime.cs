using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Alertmanager.Notify.Webhook;

/// <summary>
/// Formats times as Go's <c>time.Time</c> marshals to JSON (RFC 3339 with up to nine fractional
/// digits, trailing zeros dropped, <c>Z</c> for UTC), so receivers that parse Alertmanager's
/// webhook payload parse ours. <see cref="DateTimeOffset.MinValue"/> stands for Go's zero time,
/// <c>0001-01-01T00:00:00Z</c>.
/// </summary>
public sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Formats one time.</summary>
    public static string Format(DateTimeOffset time)
    {
        var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var fraction = (time.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        if (fraction.Length > 0)
        {
            text += "." + fraction;
        }
        return text + Zone(time.Offset);
    }

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    private static string Zone(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "Z";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
