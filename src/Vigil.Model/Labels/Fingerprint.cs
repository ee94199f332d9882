using System.Globalization;
using System.Text;

namespace Vigil.Model.Labels;

/// <summary>
/// A 64-bit FNV-1a hash of a label set, computed exactly as Prometheus's <c>model</c> package does
/// (sorted names, each name and value followed by the byte 0xFF), so the same alert has the
/// same fingerprint in Vigil and in Alertmanager.
/// </summary>
public readonly record struct Fingerprint(ulong Value) : IComparable<Fingerprint>
{
    private const ulong Offset64 = 14695981039346656037UL;
    private const ulong Prime64 = 1099511628211UL;
    private const byte Separator = 0xFF;

    /// <summary>Computes the fingerprint of a label set.</summary>
    public static Fingerprint Of(LabelSet labels)
    {
        var hash = Offset64;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var label in labels.AsSpan())
        {
            hash = Add(hash, label.Name, buffer);
            hash = AddByte(hash, Separator);
            hash = Add(hash, label.Value, buffer);
            hash = AddByte(hash, Separator);
        }
        return new Fingerprint(hash);
    }

    /// <summary>Parses the 16-digit hex form used in APIs.</summary>
    public static bool TryParse(string text, out Fingerprint fingerprint)
    {
        var ok = ulong.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v);
        fingerprint = new Fingerprint(v);
        return ok;
    }

    /// <summary>Renders as 16 lower-case hex digits, as Go's <c>Fingerprint.String()</c>.</summary>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int CompareTo(Fingerprint other) => Value.CompareTo(other.Value);

    private static ulong Add(ulong hash, string text, Span<byte> buffer)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var n = Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..n])
        {
            hash ^= b;
            hash *= Prime64;
        }
        return hash;
    }

    private static ulong AddByte(ulong hash, byte b) => (hash ^ b) * Prime64;
}
