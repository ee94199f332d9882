namespace Vigil.Scrape.Parsing;

/// <summary>Sample lines: series, value, timestamp in seconds, exemplar.</summary>
public sealed partial class OpenMetricsParser
{
    private static readonly LabelGrammar ExemplarGrammar = new(Blanks: false, NewlineInValue: false, CommaRequired: true);

    private ExpositionEntry ParseSeries()
    {
        BeginSeries();
        if (Current != '{')
        {
            NameStart = Pos;
            Pos = ScanMetricName();
            NameEnd = Pos;
        }
        if (!AtEnd && Current == '{')
        {
            ParseLabelBlock(Grammar);
        }
        SeriesEnd = Pos;
        if (NameStart < 0)
        {
            throw Error("metric name not set");
        }
        Value = ParseValue(SpaceThenToken("value"));
        if (AtLineEnd())
        {
            return ExpositionEntry.Series;
        }
        if (!AtExemplarStart())
        {
            TimestampMs = SecondsToMs(SpaceThenToken("timestamp"), "timestamp");
            if (AtLineEnd())
            {
                return ExpositionEntry.Series;
            }
            if (!AtExemplarStart())
            {
                throw Error("expected end of line or exemplar after timestamp, got " + Got());
            }
        }
        ParseExemplar();
        return ExpositionEntry.Series;
    }

    /// <summary>True (and past the line break) at the end of the line; a payload ending here lacks # EOF.</summary>
    private bool AtLineEnd()
    {
        if (AtEnd)
        {
            throw PlainError("data does not end with # EOF");
        }
        if (Current != '\n')
        {
            return false;
        }
        ConsumeLineBreak();
        return true;
    }

    private bool AtExemplarStart() => Payload[Pos..].StartsWith(" # {"u8);

    /// <summary>Exactly one space, then a token up to the next space or line break.</summary>
    private ReadOnlySpan<byte> SpaceThenToken(string what)
    {
        if (AtEnd || Current != ' ')
        {
            throw Error($"expected a space and {what}, got " + Got());
        }
        Pos++;
        var start = Pos;
        var b = Payload;
        while (Pos < b.Length && b[Pos] is not ((byte)' ' or (byte)'\n'))
        {
            Pos++;
        }
        if (Pos == start)
        {
            throw Error($"expected {what}, got " + Got());
        }
        return b[start..Pos];
    }

    private long SecondsToMs(ReadOnlySpan<byte> token, string what)
    {
        var reason = GoFloat.TryParse(token, out var seconds);
        if (reason is null && (double.IsNaN(seconds) || double.IsInfinity(seconds)))
        {
            reason = "not a finite number";
        }
        var ms = seconds * 1000;
        if (reason is null && (ms >= 9.2e18 || ms <= -9.2e18))
        {
            reason = "out of range";
        }
        if (reason is not null)
        {
            var hint = token.IndexOf((byte)'\r') >= 0 ? ", CRLF line endings are not supported" : "";
            throw Error($"invalid {what} {ByteQuote.Quote(token)} ({reason}{hint})");
        }
        return (long)ms;
    }

    /// <summary><c> # {labels} value [timestamp]</c> to the end of the line.</summary>
    private void ParseExemplar()
    {
        Pos += 3;
        var savedCount = LabelCount;
        var savedStart = SeriesStart;
        ParseExemplarLabels();
        LabelCount = savedCount;
        SeriesStart = savedStart;
        HasExemplar = true;
        ExemplarValue = ParseValue(SpaceThenToken("exemplar value"));
        ExemplarTimestampMs = null;
        if (AtLineEnd())
        {
            return;
        }
        ExemplarTimestampMs = SecondsToMs(SpaceThenToken("exemplar timestamp"), "exemplar timestamp");
        if (!AtLineEnd())
        {
            throw Error("expected end of line after exemplar timestamp, got " + Got());
        }
    }

    /// <summary>
    /// Reuses the label-block grammar: the exemplar's labels are appended after the series' own, then
    /// moved to their own array, so both stay readable.
    /// </summary>
    private void ParseExemplarLabels()
    {
        var first = LabelCount;
        var nameStart = NameStart;
        var nameEnd = NameEnd;
        NameStart = -1;
        SeriesStart = Pos;
        ParseLabelBlock(ExemplarGrammar);
        if (NameStart >= 0)
        {
            throw Error("expected label name in exemplar, got a lone quoted string");
        }
        (NameStart, NameEnd) = (nameStart, nameEnd);
        _exemplarLabelCount = LabelCount - first;
        if (_exemplarLabels.Length < 4 * _exemplarLabelCount)
        {
            _exemplarLabels = new int[4 * _exemplarLabelCount];
        }
        for (var i = 0; i < _exemplarLabelCount; i++)
        {
            CopyLabelOffsets(first + i, _exemplarLabels, i);
        }
    }
}
