using System.Globalization;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Testing;

/// <summary>
/// One value of a series description: a float, a gap (<c>_</c>) or a native histogram. For a histogram,
/// <paramref name="HintSet"/> says whether its notation named a counter_reset_hint, so a comparison knows
/// whether the hint matters. <paramref name="Unsupported"/> says why a histogram could not be represented.
/// </summary>
public readonly record struct SequenceValue(double Value, bool Omitted, FloatHistogram? Histogram = null, bool HintSet = false, string? Unsupported = null)
{
    /// <summary>Whether this value is a native histogram (possibly one of a kind not modelled yet).</summary>
    public bool IsHistogram => Histogram is not null || Unsupported is not null;
}

/// <summary>Parses the script language's series lines: <c>metric{a="b"} 1 2+3x4 _x2 stale</c>.</summary>
public static class SeriesDescription
{
    /// <summary>Splits a line into its label set and expanded values.</summary>
    public static (LabelSet Labels, List<SequenceValue> Values) Parse(string line)
    {
        var split = SplitSelector(line);
        var labels = ParseLabels(line[..split]);
        var values = new List<SequenceValue>();
        foreach (var token in Tokenize(line[split..]))
        {
            values.AddRange(Expand(token));
        }
        return (labels, values);
    }

    /// <summary>Parses <c>metric{a="b"}</c> or <c>{__name__="m"}</c> into labels.</summary>
    public static LabelSet ParseLabels(string text)
    {
        text = text.Trim();
        if (text == "{}")
        {
            return LabelSet.Empty;
        }
        var expr = PromQLParser.Parse(text) as VectorSelector ?? throw new FormatException("not a series selector: " + text);
        return LabelSet.From(expr.Matchers.Select(m => new Label(m.Name, m.Value)));
    }

    // The selector ends at the closing brace, or at the first blank when there are no braces.
    private static int SplitSelector(string line)
    {
        var inQuote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == inQuote)
                {
                    inQuote = '\0';
                }
                continue;
            }
            if (c is '"' or '\'' or '`')
            {
                inQuote = c;
            }
            else if (c == '}')
            {
                return i + 1;
            }
            else if (char.IsWhiteSpace(c) && !line[..i].Contains('{'))
            {
                return i;
            }
        }
        return line.Length;
    }

    // Values are separated by blanks, except inside {{ }} histograms.
    private static IEnumerable<string> Tokenize(string text)
    {
        var depth = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
            if (char.IsWhiteSpace(c) && depth == 0)
            {
                if (start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }
    }

    private static IEnumerable<SequenceValue> Expand(string token)
    {
        if (token.StartsWith("{{", StringComparison.Ordinal))
        {
            return HistogramNotation.Expand(token);
        }
        if (token == "_")
        {
            return [new SequenceValue(0, true)];
        }
        if (token.StartsWith("_x", StringComparison.Ordinal))
        {
            return Enumerable.Repeat(new SequenceValue(0, true), int.Parse(token[2..], CultureInfo.InvariantCulture));
        }
        // "axn" repeats even when it looks like hex ("0x59" is sixty zeros), as upstream's series lexer reads it.
        var x = token.LastIndexOf('x');
        if (x <= 0 || !token[(x + 1)..].All(char.IsAsciiDigit) || x == token.Length - 1)
        {
            return [new SequenceValue(ParseValue(token), false)];
        }
        var count = int.Parse(token[(x + 1)..], CultureInfo.InvariantCulture);
        var (start, step) = SplitIncrement(token[..x]);
        return Series(start, step, count);
    }

    private static IEnumerable<SequenceValue> Series(double start, double step, int count)
    {
        var v = start;
        yield return new SequenceValue(v, false);
        for (var i = 1; i <= count; i++)
        {
            v += step;
            yield return new SequenceValue(v, false);
        }
    }

    // "a+b" or "a-b": the operator is the last sign that is not at the start or after an exponent.
    private static (double Start, double Step) SplitIncrement(string text)
    {
        for (var i = text.Length - 1; i > 0; i--)
        {
            if (text[i] is '+' or '-' && text[i - 1] is not ('e' or 'E'))
            {
                var step = ParseValue(text[(i + 1)..]);
                return (ParseValue(text[..i]), text[i] == '-' ? -step : step);
            }
        }
        return (ParseValue(text), 0);
    }

    /// <summary>Parses one float as the scripts write it: Inf, NaN, hex, exponents, <c>stale</c>.</summary>
    public static double ParseValue(string text)
    {
        if (text == "stale")
        {
            return StaleNaN.Value;
        }
        var expr = PromQLParser.Parse(text);
        return expr is NumberLiteral n ? n.Value : throw new FormatException("not a number: " + text);
    }
}
