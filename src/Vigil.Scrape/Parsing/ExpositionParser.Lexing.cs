using System.Buffers;
using System.Text.Unicode;

namespace Vigil.Scrape.Parsing;

/// <summary>The scanning steps both formats share: names, quoted strings, label blocks, values.</summary>
public abstract partial class ExpositionParser
{
    private static readonly SearchValues<byte> MetricNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    private static readonly SearchValues<byte> LabelNameBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\\\n"u8);

    /// <summary>Above this many labels the duplicate check sorts instead of comparing every pair.</summary>
    private const int PairwiseDuplicateLimit = 16;

    private protected bool AtEnd => Pos >= Payload.Length;

    private protected byte Current => Payload[Pos];

    private protected static bool IsMetricNameStart(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_' or (byte)':';

    private static bool IsLabelNameStart(byte b) => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_';

    /// <summary>Skips spaces and tabs (the text format allows them between tokens).</summary>
    private protected void SkipBlanks()
    {
        var b = Payload;
        while (Pos < b.Length && b[Pos] is (byte)' ' or (byte)'\t')
        {
            Pos++;
        }
    }

    /// <summary>Consumes a line break at <see cref="Pos"/>, if any.</summary>
    private protected void ConsumeLineBreak()
    {
        if (!AtEnd && Current == '\n')
        {
            Pos++;
            CurrentLine++;
        }
    }

    /// <summary>Scans an unquoted metric name at <see cref="Pos"/> (which starts one) and returns its end.</summary>
    private protected int ScanMetricName()
    {
        var rest = Payload[(Pos + 1)..].IndexOfAnyExcept(MetricNameBytes);
        return rest < 0 ? Payload.Length : Pos + 1 + rest;
    }

    /// <summary>
    /// Scans a quoted string at <see cref="Pos"/> (on the opening quote); leaves <see cref="Pos"/> after the
    /// closing quote and returns the content's bounds and whether it holds escapes.
    /// </summary>
    private protected (int Start, int End, bool Escaped) ScanQuoted(bool allowNewline)
    {
        var b = Payload;
        var startLine = CurrentLine;
        var i = Pos + 1;
        var escaped = false;
        while (true)
        {
            var j = b[i..].IndexOfAny(QuotedStops);
            if (j < 0)
            {
                throw new ExpositionParseException(startLine, "unterminated quoted string starting " + ByteQuote.Quote(b[Pos..]));
            }
            i += j;
            if (b[i] == '"')
            {
                var start = Pos + 1;
                Pos = i + 1;
                return (start, i, escaped);
            }
            if (b[i] == '\n' && !allowNewline)
            {
                Pos = i;
                throw Error("unterminated quoted string (line break inside quotes)");
            }
            if (b[i] == '\\')
            {
                escaped = true;
                i++;
                if (i >= b.Length || (b[i] == '\n' && !allowNewline))
                {
                    Pos = Math.Min(i, b.Length - 1);
                    throw Error("unterminated quoted string (escape at end of line)");
                }
            }
            if (b[i] == '\n')
            {
                CurrentLine++;
            }
            i++;
        }
    }

    /// <summary>Options of the label block grammar that differ between the formats.</summary>
    private protected readonly record struct LabelGrammar(bool Blanks, bool NewlineInValue, bool CommaRequired);

    /// <summary>
    /// Parses a label block at <see cref="Pos"/> (on the <c>{</c>) through its <c>}</c>, recording labels and,
    /// for a lone quoted string, the metric name (today's UTF-8 names: <c>{"my.metric", a="1"}</c>).
    /// </summary>
    private protected void ParseLabelBlock(LabelGrammar grammar)
    {
        Pos++;
        var first = LabelCount;
        while (true)
        {
            SkipBlanksIf(grammar.Blanks);
            if (AtEnd)
            {
                throw Error("unexpected end of input in label set");
            }
            if (Current == '}')
            {
                Pos++;
                CheckDuplicateLabels(first);
                return;
            }
            ParseOneLabel(grammar);
        }
    }

    private void ParseOneLabel(LabelGrammar grammar)
    {
        var (nameStart, nameEnd, quotedName) = ScanLabelName();
        SkipBlanksIf(grammar.Blanks);
        if (quotedName && !AtEnd && Current is (byte)',' or (byte)'}')
        {
            SetNameInsideBraces(nameStart, nameEnd);
            SkipComma();
            return;
        }
        if (AtEnd || Current != '=')
        {
            throw Error("expected '=' after label name, got " + Got());
        }
        Pos++;
        SkipBlanksIf(grammar.Blanks);
        if (AtEnd || Current != '"')
        {
            throw Error("expected quoted label value, got " + Got());
        }
        var (valueStart, valueEnd, _) = ScanQuoted(grammar.NewlineInValue);
        if (!Utf8.IsValid(Payload[valueStart..valueEnd]))
        {
            throw Error("invalid UTF-8 in label value " + ByteQuote.Quote(Payload[valueStart..valueEnd]));
        }
        AddLabel(nameStart, nameEnd, valueStart, valueEnd);
        SkipBlanksIf(grammar.Blanks);
        if (grammar.CommaRequired && (AtEnd || Current is not ((byte)',' or (byte)'}')))
        {
            throw Error("expected ',' or '}' after label value, got " + Got());
        }
        SkipComma();
    }

    private (int Start, int End, bool Quoted) ScanLabelName()
    {
        if (Current == '"')
        {
            var (start, end, _) = ScanQuoted(allowNewline: false);
            if (start == end || !Utf8.IsValid(Payload[start..end]))
            {
                throw Error("invalid quoted label name " + ByteQuote.Quote(Payload[start..end]));
            }
            return (start, end, true);
        }
        if (!IsLabelNameStart(Current))
        {
            throw Error("expected label name, got " + Got());
        }
        var nameStart = Pos;
        var rest = Payload[(Pos + 1)..].IndexOfAnyExcept(LabelNameBytes);
        Pos = rest < 0 ? Payload.Length : Pos + 1 + rest;
        return (nameStart, Pos, false);
    }

    private void SetNameInsideBraces(int start, int end)
    {
        if (NameStart >= 0)
        {
            throw Error("metric name already set");
        }
        NameStart = start;
        NameEnd = end;
        NameEscaped = Payload[start..end].IndexOf((byte)'\\') >= 0;
    }

    private void SkipComma()
    {
        if (!AtEnd && Current == ',')
        {
            Pos++;
        }
    }

    private void SkipBlanksIf(bool allowed)
    {
        if (allowed)
        {
            SkipBlanks();
        }
    }

    /// <summary>Describes the byte at <see cref="Pos"/> for "expected X, got Y" messages.</summary>
    private protected string Got() => AtEnd ? "end of input" : Current switch
    {
        (byte)'\n' => "end of line",
        (byte)'\r' => "carriage return (CRLF line endings are not supported)",
        _ => ByteQuote.Quote(Payload.Slice(Pos, 1)),
    };

    /// <summary>Rejects a series naming the same label twice (or <c>__name__</c> besides the metric name), as upstream does.</summary>
    private void CheckDuplicateLabels(int first)
    {
        if (LabelCount - first <= PairwiseDuplicateLimit)
        {
            for (var i = first; i < LabelCount; i++)
            {
                CheckNotMetricName(i);
                for (var j = i + 1; j < LabelCount; j++)
                {
                    ThrowIfSameName(i, j);
                }
            }
            return;
        }
        var order = new int[LabelCount - first];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = first + i;
            CheckNotMetricName(first + i);
        }
        Array.Sort(order, (x, y) => LabelNameAt(x).SequenceCompareTo(LabelNameAt(y)));
        for (var i = 1; i < order.Length; i++)
        {
            ThrowIfSameName(order[i - 1], order[i]);
        }
    }

    private void CheckNotMetricName(int i)
    {
        if (LabelNameAt(i).SequenceEqual("__name__"u8))
        {
            throw PlainError($"label name \"__name__\" is not unique in series {ByteQuote.Quote(Payload[SeriesStart..Pos])}");
        }
    }

    private void ThrowIfSameName(int i, int j)
    {
        if (LabelNameAt(i).SequenceEqual(LabelNameAt(j)))
        {
            throw PlainError($"label name {ByteQuote.Quote(LabelNameAt(i))} is not unique in series {ByteQuote.Quote(Payload[SeriesStart..Pos])}");
        }
    }

    /// <summary>Parses a sample value token; the error names the token and the series.</summary>
    private protected double ParseValue(ReadOnlySpan<byte> token)
    {
        var reason = GoFloat.TryParse(token, out var value);
        if (reason is null)
        {
            return value;
        }
        throw token.IndexOf((byte)'\r') >= 0
            ? Error("carriage return after value (CRLF line endings are not supported)")
            : Error($"invalid value {ByteQuote.Quote(token)} ({reason})");
    }

    /// <summary>Starts a series entry: resets per-series state.</summary>
    private protected void BeginSeries()
    {
        SeriesStart = Pos;
        NameStart = -1;
        NameEnd = -1;
        NameEscaped = false;
        LabelCount = 0;
        TimestampMs = null;
    }
}
