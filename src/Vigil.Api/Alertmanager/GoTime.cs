using System.Globalization;
using System.Text;

namespace Vigil.Api.Alertmanager;

/// <summary>
/// Times as Alertmanager's API writes them: RFC 3339 with exactly three fractional digits
/// (truncated, not rounded) and the alert's own offset, <c>Z</c> for UTC.
/// </summary>
public static class GoTime
{
    /// <summary>Formats like go-openapi's <c>strfmt.DateTime</c>.</summary>
    public static string Format(DateTimeOffset t)
    {
        var sb = new StringBuilder(29);
        sb.Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));
        var offset = t.Offset;
        if (offset == TimeSpan.Zero)
        {
            return sb.Append('Z').ToString();
        }
        sb.Append(offset < TimeSpan.Zero ? '-' : '+');
        var abs = offset.Duration();
        return sb.Append(abs.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
            .Append(abs.Minutes.ToString("00", CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>Whether <paramref name="t"/> is Go's zero time or absent, i.e. "not set".</summary>
    public static bool IsZero(DateTimeOffset? t) => t is null || t.Value.UtcDateTime.Year <= 1;
}
