using System.Globalization;
using Vigil.Config.Loading;
using Vigil.Model;

namespace Vigil.Config.Prometheus;

/// <summary>Value kinds specific to prometheus.yml: unsigned limits, byte sizes, scrape protocol lists.</summary>
internal static class PromValues
{
    private static readonly (string Unit, long Bytes)[] ByteUnits =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("PiB", 1L << 50), ("EiB", 1L << 60),
        ("KB", 1L << 10), ("MB", 1L << 20), ("GB", 1L << 30), ("TB", 1L << 40), ("PB", 1L << 50), ("EB", 1L << 60), ("B", 1),
    ];

    /// <summary>A whole number that must not be negative (upstream's <c>uint</c> fields).</summary>
    public static long? NonNegative(MapReader m, string key)
    {
        var value = m.Int(key);
        if (value < 0)
        {
            m.Context.Error(m.Value(key)!, m.PathOf(key), $"{key} must not be negative", "use 0 for no limit");
            return null;
        }
        return value;
    }

    /// <summary>A floating-point number (upstream's <c>float64</c> fields, e.g. <c>native_histogram_min_bucket_factor</c>).</summary>
    public static double? Float(MapReader m, string key)
    {
        if (m.String(key) is not { } text)
        {
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        m.Context.Error(m.Value(key)!, m.PathOf(key), $"{key}: cannot unmarshal {GoString.Quote(text)} into a number", "write a number such as 1.1");
        return null;
    }

    /// <summary>A size in bytes written with base-2 units (<c>10MB</c>, <c>512KiB</c>, <c>1GB512MB</c>), as upstream's <c>body_size_limit</c>.</summary>
    public static long? Bytes(MapReader m, string key)
    {
        if (m.String(key) is not { } text)
        {
            return null;
        }
        if (TryParseBytes(text, out var bytes))
        {
            return bytes;
        }
        m.Context.Error(m.Value(key)!, m.PathOf(key), $"invalid size {GoString.Quote(text)}", "write a number with a unit: B, KB, MB, GB, TB (base 2), e.g. 10MB");
        return null;
    }

    internal static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        if (text == "0")
        {
            return true;
        }
        var pos = 0;
        while (pos < text.Length)
        {
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
            if (pos == start || !long.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }
            var unit = ByteUnits.FirstOrDefault(u => text.AsSpan(pos).StartsWith(u.Unit, StringComparison.Ordinal));
            if (unit.Unit is null)
            {
                return false;
            }
            pos += unit.Unit.Length;
            bytes += n * unit.Bytes;
        }
        return text.Length > 0;
    }

    /// <summary>A <c>scrape_protocols</c> list: known names, no repeats, not empty.</summary>
    public static IReadOnlyList<string>? Protocols(MapReader m, string key)
    {
        if (m.StringList(key) is not { } list)
        {
            return null;
        }
        if (list.Count == 0)
        {
            m.Context.Error(m.KeyNode(key), m.PathOf(key), "scrape_protocols cannot be empty", "leave it out for the default");
            return null;
        }
        var ok = true;
        foreach (var p in list.Where(p => !ScrapeProtocolNames.All.Contains(p)))
        {
            m.Context.Error(m.Value(key)!, m.PathOf(key), $"unknown scrape protocol {p}, supported: [{string.Join(" ", ScrapeProtocolNames.All)}]",
                KeyAdvice.DidYouMean(ScrapeProtocolNames.All, p));
            ok = false;
        }
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            m.Context.Error(m.Value(key)!, m.PathOf(key), $"duplicated protocol in scrape_protocols, got [{string.Join(" ", list)}]");
            ok = false;
        }
        return ok ? list : null;
    }
}
