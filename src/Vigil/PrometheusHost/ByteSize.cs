using System.Globalization;
using Vigil.Cli;

namespace Vigil.PrometheusHost;

/// <summary>Byte sizes as <c>--storage.tsdb.retention.size</c> takes them: a number and a base-2 unit (B, KB, MB, ... EB).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    /// <summary>Parses e.g. <c>512MB</c> (= 512 MiB); throws <see cref="UsageException"/> naming <paramref name="flag"/>.</summary>
    public static long Parse(string text, string flag)
    {
        for (var i = Units.Length - 1; i >= 0; i--)
        {
            var unit = Units[i];
            if (text.EndsWith(unit, StringComparison.Ordinal) &&
                long.TryParse(text[..^unit.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n << (10 * i);
            }
        }
        throw new UsageException($"invalid value \"{text}\" for flag '--{flag}': expected a whole number with a unit, one of B, KB, MB, GB, TB, PB, EB (e.g. 512MB)");
    }

    /// <summary>Formats a size with the largest exact unit, e.g. <c>512MiB</c>.</summary>
    public static string Format(long bytes)
    {
        string[] names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var i = 0;
        while (i < names.Length - 1 && bytes != 0 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            i++;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + names[i];
    }
}
