using System.Text;
using System.Text.Unicode;
using Vigil.Model.Labels;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// OpenMetrics 1.0 text (<c>application/openmetrics-text</c>) with upstream's strict grammar: single spaces
/// only, no blank lines or free comments, <c># EOF</c> required as the last line, timestamps in (float)
/// seconds converted to milliseconds, exemplars after <c> # </c>, UNIT lines checked against the name.
/// </summary>
public sealed partial class OpenMetricsParser : ExpositionParser
{
    private static readonly LabelGrammar Grammar = new(Blanks: false, NewlineInValue: false, CommaRequired: true);

    private readonly bool _skipCreatedSeries;
    private int[] _exemplarLabels = new int[4 * 4];
    private int _exemplarLabelCount;
    private bool _finished;
    private int _familyStart;
    private int _familyEnd;

    /// <summary>
    /// Creates a parser over a whole payload. With <paramref name="skipCreatedSeries"/>, the <c>_created</c>
    /// series of counters, histograms and summaries are not returned as samples (read them through
    /// <see cref="CreatedTimestampMs"/>), as upstream does when created-timestamp ingestion is on.
    /// </summary>
    public OpenMetricsParser(ReadOnlyMemory<byte> payload, bool skipCreatedSeries = false)
        : base(payload)
    {
        _skipCreatedSeries = skipCreatedSeries;
    }

    /// <summary>Whether the current series carries an exemplar.</summary>
    public bool HasExemplar { get; private set; }

    /// <summary>The exemplar's value.</summary>
    public double ExemplarValue { get; private set; }

    /// <summary>The exemplar's timestamp in milliseconds, when given.</summary>
    public long? ExemplarTimestampMs { get; private set; }

    /// <summary>The exemplar's labels (e.g. <c>trace_id</c>).</summary>
    public LabelSet ExemplarLabels()
    {
        var labels = new Label[_exemplarLabelCount];
        for (var i = 0; i < labels.Length; i++)
        {
            var o = 4 * i;
            labels[i] = new Label(
                Encoding.UTF8.GetString(Payload[_exemplarLabels[o].._exemplarLabels[o + 1]]),
                Encoding.UTF8.GetString(Payload[_exemplarLabels[o + 2].._exemplarLabels[o + 3]]));
        }
        return LabelSet.From(labels);
    }

    /// <summary>As upstream, <c>le</c> of histograms and <c>quantile</c> of summaries are normalised (<c>1</c> becomes <c>1.0</c>).</summary>
    private protected override string NormaliseLabelValue(string name, string value)
    {
        var normalise = (Type == MetricType.Histogram && name == "le") || (Type == MetricType.Summary && name == "quantile");
        if (!normalise || value.Length > 64)
        {
            return value;
        }
        Span<byte> utf8 = stackalloc byte[value.Length * 3];
        var length = Encoding.UTF8.GetBytes(value, utf8);
        return GoFloat.TryParse(utf8[..length], out var f) is null ? GoFloat.FormatOpenMetrics(f) : value;
    }

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        while (true)
        {
            var entry = NextEntry();
            if (entry != ExpositionEntry.Series || !_skipCreatedSeries || !IsCreatedSeries())
            {
                return entry;
            }
        }
    }

    private ExpositionEntry NextEntry()
    {
        LineStart = Pos;
        Line = CurrentLine;
        HasExemplar = false;
        if (_finished)
        {
            return ExpositionEntry.End;
        }
        if (AtEnd)
        {
            throw PlainError("data does not end with # EOF");
        }
        var c = Current;
        if (c == '#')
        {
            return ParseComment();
        }
        if (c == '{' || IsMetricNameStart(c))
        {
            return ParseSeries();
        }
        var what = c == '\n' ? "blank lines are not allowed in OpenMetrics" : "expected a metric name, '{' or '#' at the start of a line, got " + Got();
        throw Error(what);
    }

    private ExpositionEntry ParseComment()
    {
        var rest = Payload[Pos..];
        if (rest.StartsWith("# EOF"u8) && (rest.Length == 5 || rest[5] == '\n'))
        {
            Pos += Math.Min(rest.Length, 6);
            if (!AtEnd)
            {
                CurrentLine++;
                throw PlainError("unexpected data after # EOF");
            }
            _finished = true;
            return ExpositionEntry.End;
        }
        var keyword = rest.StartsWith("# HELP "u8) ? ExpositionEntry.Help
            : rest.StartsWith("# TYPE "u8) ? ExpositionEntry.Type
            : rest.StartsWith("# UNIT "u8) ? ExpositionEntry.Unit
            : ExpositionEntry.Comment;
        if (keyword == ExpositionEntry.Comment)
        {
            Pos = Math.Min(Payload.Length - 1, Pos + 1);
            throw Error("expected '# HELP', '# TYPE', '# UNIT' or '# EOF' (OpenMetrics allows no other comments)");
        }
        Pos += 7;
        ParseMetadataName(keyword);
        ParseMetadataText(keyword);
        ApplyMetadata(keyword);
        ConsumeLineBreak();
        return keyword;
    }

    private void ParseMetadataName(ExpositionEntry keyword)
    {
        NameEscaped = false;
        if (!AtEnd && Current == '"')
        {
            (NameStart, NameEnd, NameEscaped) = ScanQuoted(allowNewline: false);
            return;
        }
        if (AtEnd || !IsMetricNameStart(Current))
        {
            throw Error($"expected metric name after {Keyword(keyword)}, got " + Got());
        }
        NameStart = Pos;
        Pos = ScanMetricName();
        NameEnd = Pos;
    }

    /// <summary>One space, then text to a required line break.</summary>
    private void ParseMetadataText(ExpositionEntry keyword)
    {
        if (AtEnd || Current != ' ')
        {
            throw Error($"expected a space and text in {Keyword(keyword)}, got " + Got());
        }
        Pos++;
        TextStart = Pos;
        var newline = Payload[Pos..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            Pos = Payload.Length - 1;
            throw PlainError($"{Keyword(keyword)} line does not end with a line break (data does not end with # EOF)");
        }
        Pos += newline;
        TextEnd = Pos;
    }

    private void ApplyMetadata(ExpositionEntry keyword)
    {
        var text = Payload[TextStart..TextEnd];
        switch (keyword)
        {
            case ExpositionEntry.Type:
                Type = MetadataText.ParseOpenMetricsType(text, this);
                (_familyStart, _familyEnd) = (NameStart, NameEnd);
                break;
            case ExpositionEntry.Unit:
                Unit = Encoding.UTF8.GetString(text);
                CheckUnitSuffix(text);
                break;
            default:
                if (!Utf8.IsValid(text))
                {
                    throw Error("help text is not valid UTF-8");
                }
                break;
        }
    }

    private static string Keyword(ExpositionEntry keyword) => keyword.ToString().ToUpperInvariant();

    /// <summary>OpenMetrics: a family with a unit must be named <c>..._unit</c>.</summary>
    private void CheckUnitSuffix(ReadOnlySpan<byte> unit)
    {
        var name = MetricName;
        if (unit.IsEmpty)
        {
            return;
        }
        if (!name.EndsWith(unit) || name.Length < unit.Length + 1 || name[name.Length - unit.Length - 1] != '_')
        {
            throw PlainError($"unit {ByteQuote.Quote(unit)} is not a suffix of metric {ByteQuote.Quote(name)}");
        }
    }
}
