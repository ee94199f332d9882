using System.Text.Unicode;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// The Prometheus text exposition format (<c>text/plain; version=0.0.4</c>), with upstream's leniency:
/// blanks between tokens, blank lines, free-form comments, no final line break required, and quoted
/// UTF-8 metric and label names. Timestamps are integer milliseconds.
/// </summary>
public sealed class PrometheusTextParser : ExpositionParser
{
    private static readonly LabelGrammar Grammar = new(Blanks: true, NewlineInValue: true, CommaRequired: false);

    /// <summary>Creates a parser over a whole payload.</summary>
    public PrometheusTextParser(ReadOnlyMemory<byte> payload)
        : base(payload)
    {
    }

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        while (true)
        {
            LineStart = Pos;
            Line = CurrentLine;
            SkipBlanks();
            if (AtEnd)
            {
                return ExpositionEntry.End;
            }
            var c = Current;
            if (c == '\n')
            {
                ConsumeLineBreak();
                continue;
            }
            if (c == '#')
            {
                return ParseComment();
            }
            if (c == '{' || IsMetricNameStart(c))
            {
                return ParseSeries();
            }
            throw Error("expected a metric name, '{' or '#' at the start of a line, got " + Got());
        }
    }

    private ExpositionEntry ParseComment()
    {
        Pos++;
        var afterHash = Pos;
        SkipBlanks();
        var keyword = Pos > afterHash ? MetadataKeyword() : ExpositionEntry.Comment;
        if (keyword == ExpositionEntry.Comment)
        {
            TextStart = afterHash;
            SkipToEndOfLine();
            TextEnd = Pos;
            ConsumeLineBreak();
            return ExpositionEntry.Comment;
        }
        Pos += 4;
        SkipBlanks();
        ParseMetadataName(keyword);
        ParseMetadataText();
        if (keyword == ExpositionEntry.Type)
        {
            Type = MetadataText.ParseTextType(Payload[TextStart..TextEnd], this);
        }
        else if (!Utf8.IsValid(Payload[TextStart..TextEnd]))
        {
            throw Error("help text is not valid UTF-8");
        }
        ConsumeLineBreak();
        return keyword;
    }

    /// <summary>HELP or TYPE followed by a blank makes a metadata line; anything else is a plain comment.</summary>
    private ExpositionEntry MetadataKeyword()
    {
        var rest = Payload[Pos..];
        if (rest.Length < 5 || rest[4] is not ((byte)' ' or (byte)'\t'))
        {
            return ExpositionEntry.Comment;
        }
        return rest[..4].SequenceEqual("HELP"u8) ? ExpositionEntry.Help
            : rest[..4].SequenceEqual("TYPE"u8) ? ExpositionEntry.Type
            : ExpositionEntry.Comment;
    }

    private void ParseMetadataName(ExpositionEntry keyword)
    {
        NameEscaped = false;
        if (!AtEnd && Current == '"')
        {
            var (start, end, escaped) = ScanQuoted(allowNewline: false);
            (NameStart, NameEnd, NameEscaped) = (start, end, escaped);
            return;
        }
        if (AtEnd || !IsMetricNameStart(Current))
        {
            throw Error($"expected metric name after {keyword.ToString().ToUpperInvariant()}, got " + Got());
        }
        NameStart = Pos;
        Pos = ScanMetricName();
        NameEnd = Pos;
    }

    /// <summary>The text is everything after the one blank that follows the name; it may be empty.</summary>
    private void ParseMetadataText()
    {
        if (!AtEnd && Current is not ((byte)'\n' or (byte)' ' or (byte)'\t'))
        {
            throw Error("expected a blank after the metric name, got " + Got());
        }
        if (!AtEnd && Current != '\n')
        {
            Pos++;
        }
        TextStart = Pos;
        SkipToEndOfLine();
        TextEnd = Pos;
    }

    private void SkipToEndOfLine()
    {
        var newline = Payload[Pos..].IndexOf((byte)'\n');
        Pos = newline < 0 ? Payload.Length : Pos + newline;
    }

    private ExpositionEntry ParseSeries()
    {
        BeginSeries();
        if (Current != '{')
        {
            NameStart = Pos;
            Pos = ScanMetricName();
            NameEnd = Pos;
            SeriesEnd = Pos;
            SkipBlanks();
        }
        if (!AtEnd && Current == '{')
        {
            ParseLabelBlock(Grammar);
            SeriesEnd = Pos;
        }
        if (NameStart < 0)
        {
            throw Error("metric name not set");
        }
        SkipBlanks();
        Value = ParseValue(ReadToken("value"));
        SkipBlanks();
        if (!AtEnd && Current != '\n')
        {
            TimestampMs = ParseTimestamp(ReadToken("timestamp"));
            SkipBlanks();
        }
        if (!AtEnd && Current != '\n')
        {
            throw Error("expected end of line after the sample, got " + Got());
        }
        ConsumeLineBreak();
        return ExpositionEntry.Series;
    }

    /// <summary>A token runs to the next blank, line break, <c>{</c> or carriage return.</summary>
    private ReadOnlySpan<byte> ReadToken(string what)
    {
        var start = Pos;
        var b = Payload;
        while (Pos < b.Length && b[Pos] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'{' or (byte)'\r'))
        {
            Pos++;
        }
        if (Pos == start)
        {
            throw Error($"expected {what} after the series, got " + Got());
        }
        return b[start..Pos];
    }

    private long ParseTimestamp(ReadOnlySpan<byte> token)
    {
        long ms = 0;
        var negative = token[0] == '-';
        var digits = negative ? token[1..] : token;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                throw Error($"invalid timestamp {ByteQuote.Quote(token)} (expected integer milliseconds)");
            }
            if (ms > (long.MaxValue - 9) / 10)
            {
                throw Error($"timestamp {ByteQuote.Quote(token)} out of range");
            }
            ms = (ms * 10) + (d - '0');
        }
        if (digits.IsEmpty || negative)
        {
            throw Error($"invalid timestamp {ByteQuote.Quote(token)} (expected integer milliseconds)");
        }
        return ms;
    }
}
