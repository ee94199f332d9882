using System.Text;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// Reads a scrape payload entry by entry, in place: names, labels and the raw series are exposed as spans
/// into the payload, and nothing is allocated per line, so the caller decides what to materialise (the
/// scrape loop caches label sets by <see cref="Series"/>). Malformed input throws
/// <see cref="ExpositionParseException"/> naming the line, and nothing else.
/// </summary>
public abstract partial class ExpositionParser
{
    private readonly ReadOnlyMemory<byte> _payload;

    /// <summary>Offsets into the payload of each label: name start, name end, value start, value end.</summary>
    private int[] _labels = new int[4 * 16];

    private protected ExpositionParser(ReadOnlyMemory<byte> payload) => _payload = payload;

    private protected ReadOnlySpan<byte> Payload => _payload.Span;

    private protected ReadOnlyMemory<byte> PayloadMemory => _payload;

    /// <summary>The read position in the payload.</summary>
    private protected int Pos { get; set; }

    /// <summary>The 1-based line at <see cref="Pos"/>.</summary>
    private protected int CurrentLine { get; set; } = 1;

    /// <summary>The start of the current entry's line.</summary>
    private protected int LineStart { get; set; }

    private protected int NameStart { get; set; }

    private protected int NameEnd { get; set; }

    private protected bool NameEscaped { get; set; }

    private protected int SeriesStart { get; set; }

    private protected int SeriesEnd { get; set; }

    private protected int TextStart { get; set; }

    private protected int TextEnd { get; set; }

    /// <summary>The 1-based line of the entry last returned by <see cref="Next"/>.</summary>
    public int Line { get; private protected set; }

    /// <summary>Advances to the next entry; <see cref="ExpositionEntry.End"/> once the payload is fully read.</summary>
    public abstract ExpositionEntry Next();

    /// <summary>The series exactly as written (metric name and label block), a cache key for the label set.</summary>
    /// <remarks>Binary formats, whose series are not written out, give a key they build (unique per series).</remarks>
    public virtual ReadOnlySpan<byte> Series => Payload[SeriesStart..SeriesEnd];

    /// <summary>The metric name of a series, HELP, TYPE or UNIT entry, without quotes (escapes, if any, not yet resolved).</summary>
    public ReadOnlySpan<byte> MetricName => Payload[NameStart..NameEnd];

    /// <summary>The number of labels on the current series, not counting the metric name.</summary>
    public int LabelCount { get; private protected set; }

    /// <summary>The sample value; NaN from the payload is upstream's ordinary NaN.</summary>
    public double Value { get; private protected set; }

    /// <summary>The native histogram of a <see cref="ExpositionEntry.Histogram"/> entry (protobuf scrapes only).</summary>
    public FloatHistogram? Histogram { get; private protected set; }

    /// <summary>The sample's own timestamp in milliseconds, when it has one.</summary>
    public long? TimestampMs { get; private protected set; }

    /// <summary>The type from the most recent TYPE line (kept across lines as upstream does).</summary>
    public MetricType Type { get; private protected set; }

    /// <summary>The family's unit from the most recent UNIT line (OpenMetrics), "" otherwise.</summary>
    public string Unit { get; private protected set; } = "";

    /// <summary>The raw name of label <paramref name="index"/>, without quotes.</summary>
    public ReadOnlySpan<byte> LabelNameAt(int index) => Payload[_labels[4 * index].._labels[(4 * index) + 1]];

    /// <summary>The raw (still escaped) value of label <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> RawLabelValueAt(int index) => Payload[_labels[(4 * index) + 2].._labels[(4 * index) + 3]];

    /// <summary>The unescaped value of label <paramref name="index"/>.</summary>
    public string LabelValueAt(int index) => Unescape(RawLabelValueAt(index), withQuote: true);

    /// <summary>The metric name as a string, escapes resolved.</summary>
    public string MetricNameString() => NameEscaped ? Unescape(MetricName, withQuote: true) : Encoding.UTF8.GetString(MetricName);

    /// <summary>The text of the current HELP, TYPE or UNIT line as written (HELP escapes not resolved).</summary>
    public ReadOnlySpan<byte> RawText => Payload[TextStart..TextEnd];

    /// <summary>The HELP text, with <c>\\</c> and <c>\n</c> resolved.</summary>
    public virtual string Help() => Unescape(Payload[TextStart..TextEnd], withQuote: false);

    /// <summary>
    /// Builds the series' label set, <c>__name__</c> included. Labels with empty values are left out (an empty
    /// label is an absent label); names are unique already, so sorting an array is enough.
    /// </summary>
    public virtual LabelSet Labels()
    {
        var labels = new Label[LabelCount + 1];
        labels[0] = new Label(LabelName.MetricName, MetricNameString());
        var n = 1;
        for (var i = 0; i < LabelCount; i++)
        {
            if (RawLabelValueAt(i).Length > 0)
            {
                var name = Unescape(LabelNameAt(i), withQuote: true);
                labels[n++] = new Label(name, NormaliseLabelValue(name, LabelValueAt(i)));
            }
        }
        if (n < labels.Length)
        {
            Array.Resize(ref labels, n);
        }
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return LabelSet.FromSorted(labels);
    }

    /// <summary>Lets a format rewrite a label value while the set is built (OpenMetrics' <c>le</c>/<c>quantile</c>).</summary>
    private protected virtual string NormaliseLabelValue(string name, string value) => value;

    /// <summary>Throws the parse error for the current line, quoting it up to <see cref="Pos"/> (bounded).</summary>
    private protected ExpositionParseException Error(string detail) =>
        new(CurrentLine, detail + " in " + ByteQuote.Quote(Payload[LineStart..Math.Min(Payload.Length, Pos + 1)]));

    /// <summary>Like <see cref="Error"/> for problems that don't need the line quoted (it is named elsewhere).</summary>
    private protected ExpositionParseException PlainError(string detail) => new(CurrentLine, detail);

    /// <summary>Records one label's offsets.</summary>
    private protected void AddLabel(int nameStart, int nameEnd, int valueStart, int valueEnd)
    {
        var at = 4 * LabelCount;
        if (at + 4 > _labels.Length)
        {
            Array.Resize(ref _labels, _labels.Length * 2);
        }
        _labels[at] = nameStart;
        _labels[at + 1] = nameEnd;
        _labels[at + 2] = valueStart;
        _labels[at + 3] = valueEnd;
        LabelCount++;
    }

    /// <summary>Copies the offsets of label <paramref name="index"/> into slot <paramref name="slot"/> of <paramref name="target"/>.</summary>
    private protected void CopyLabelOffsets(int index, int[] target, int slot) => Array.Copy(_labels, 4 * index, target, 4 * slot, 4);

    /// <summary>Resolves <c>\\</c>, <c>\n</c> and (in quoted strings) <c>\"</c>; other escapes stay as written, as upstream.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw, bool withQuote)
    {
        if (raw.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }
        var buffer = raw.Length <= 512 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\\' && i + 1 < raw.Length && (raw[i + 1] is (byte)'\\' or (byte)'n' || (withQuote && raw[i + 1] == '"')))
            {
                i++;
                b = raw[i] == 'n' ? (byte)'\n' : raw[i];
            }
            buffer[n++] = b;
        }
        return Encoding.UTF8.GetString(buffer[..n]);
    }
}
