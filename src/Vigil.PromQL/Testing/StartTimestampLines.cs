using System.Globalization;
using Vigil.Model.Labels;
using Vigil.Model.Time;

namespace Vigil.PromQL.Testing;

/// <summary>
/// The <c>metric{labels}@st &lt;offsets&gt;</c> lines of a load command: the start timestamp of each sample of
/// the series on the next line, as an offset from that sample's own time. Items: <c>_</c> (none), <c>_xN</c>,
/// <c>D</c>, <c>DxN</c> (N+1 times), <c>D+ExN</c> / <c>D-ExN</c> (N+1 offsets stepping by E); D and E are
/// durations with an optional sign (<c>-1m</c>, <c>0</c>, <c>1ms</c>).
/// </summary>
public static class StartTimestampLines
{
    /// <summary>Whether <paramref name="line"/> is a start-timestamp line (its first word ends in <c>@st</c>).</summary>
    public static bool IsStartLine(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        return space > 0 && line[..space].EndsWith("@st", StringComparison.Ordinal);
    }

    /// <summary>Parses a start-timestamp line into its series and one offset (ms, null for none) per sample.</summary>
    public static (LabelSet Labels, List<long?> Offsets) Parse(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var labels = SeriesDescription.ParseLabels(line[..space][..^"@st".Length]);
        var offsets = new List<long?>();
        foreach (var item in line[(space + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                offsets.AddRange(ParseItem(item));
            }
            catch (FormatException e)
            {
                throw new FormatException($"invalid @st item \"{item}\": {e.Message}", e);
            }
        }
        return (labels, offsets);
    }

    private static IEnumerable<long?> ParseItem(string item)
    {
        if (item == "_")
        {
            return [null];
        }
        if (item.StartsWith("_x", StringComparison.Ordinal))
        {
            return Enumerable.Repeat<long?>(null, Count(item[2..], allowZero: false));
        }
        var (offset, rest) = DurationPrefix(item);
        if (rest.Length == 0)
        {
            return [offset];
        }
        if (rest[0] == 'x')
        {
            return Enumerable.Repeat<long?>(offset, Count(rest[1..], allowZero: true) + 1);
        }
        if (rest[0] is not ('+' or '-'))
        {
            throw new FormatException($"unexpected '{rest[0]}' after the duration");
        }
        var (delta, tail) = DurationPrefix(rest[1..]);
        delta = rest[0] == '-' ? -delta : delta;
        if (tail.Length == 0 || tail[0] != 'x')
        {
            throw new FormatException("expected x<count> after the step");
        }
        var n = Count(tail[1..], allowZero: true);
        return Enumerable.Range(0, n + 1).Select(i => (long?)(offset + (i * delta)));
    }

    private static int Count(string text, bool allowZero) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && (allowZero || n > 0)
            ? n
            : throw new FormatException($"invalid repeat count \"{text}\"");

    // A signed duration at the start of text, and what follows it; 'x' always ends the unit (it separates the count).
    private static (long Ms, string Remainder) DurationPrefix(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i == digits)
        {
            throw new FormatException($"expected digits in \"{text}\"");
        }
        while (i < text.Length && char.IsAsciiLetter(text[i]) && text[i] != 'x')
        {
            i++;
        }
        var duration = text[digits..i];
        long ms;
        if (duration.All(char.IsAsciiDigit))
        {
            ms = long.Parse(duration, CultureInfo.InvariantCulture) == 0 ? 0 : throw new FormatException($"duration \"{duration}\" needs a unit");
        }
        else if (PromDuration.TryParse(duration, out var d, out var error))
        {
            ms = (long)d.TotalMilliseconds;
        }
        else
        {
            throw new FormatException($"invalid duration \"{duration}\": {error}");
        }
        return (text[0] == '-' ? -ms : ms, text[i..]);
    }
}
