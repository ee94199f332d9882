using System.Text;
using System.Text.Unicode;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.Scrape.Parsing.Protobuf;

namespace Vigil.Scrape.Parsing;

/// <summary>
/// Reads the protobuf exposition format (varint-delimited <c>io.prometheus.client.MetricFamily</c> messages) and
/// presents it entry by entry like the text parsers: per family a HELP, a UNIT (when set) and a TYPE entry, then
/// its samples. Counters, gauges and untyped metrics give one sample each; summaries give <c>_count</c>,
/// <c>_sum</c> and one sample per quantile; histograms give a native histogram, classic
/// <c>_count</c>/<c>_sum</c>/<c>_bucket</c> series, a custom-bucket histogram, or a mix, as
/// <see cref="ProtobufParserOptions"/> says (upstream's rules). Families without metrics are skipped.
/// </summary>
/// <remarks>
/// Names, help texts and label pairs are read in place from the payload; since no series is written out as in text,
/// <see cref="Series"/> is a key built per sample (family name, suffix, magic label and the label bytes), unique
/// per series and identical from scrape to scrape, so the scrape cache can skip building labels for known series.
/// Malformed input throws <see cref="ExpositionParseException"/> saying which family and byte offset.
/// </remarks>
public sealed partial class ProtobufParser : ExpositionParser
{
    private const byte Separator = 0xff;

    private readonly ProtobufParserOptions _options;
    private readonly MetricFamilyFrame _family = new();
    private readonly MetricMessage _metric = new();
    private readonly List<PendingSample> _pending = [];
    private readonly CustomBucketsConversion _nhcb = new();
    private byte[] _key = new byte[256];
    private int _keyLength;
    private int _next;
    private int _familyNumber;
    private int _metricIndex;
    private int _pendingIndex;
    private Stage _stage;
    private string _familyName = "";
    private PendingSample _current;

    /// <summary>Creates a parser over a whole scrape body.</summary>
    public ProtobufParser(ReadOnlyMemory<byte> payload, ProtobufParserOptions? options = null)
        : base(payload)
    {
        _options = options ?? new ProtobufParserOptions();
    }

    private enum Stage
    {
        FamilyStart,
        AfterHelp,
        AfterUnit,
        Samples,
    }

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Series => _key.AsSpan(0, _keyLength);

    /// <inheritdoc />
    public override string Help() => Encoding.UTF8.GetString(RawText);

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        try
        {
            return NextEntry();
        }
        catch (FormatException e)
        {
            throw Error(e.Message);
        }
    }

    private ExpositionEntry NextEntry()
    {
        while (true)
        {
            switch (_stage)
            {
                case Stage.FamilyStart:
                    if (!NextFamily())
                    {
                        return ExpositionEntry.End;
                    }
                    (TextStart, TextEnd) = (_family.HelpStart, _family.HelpEnd);
                    _stage = Stage.AfterHelp;
                    return ExpositionEntry.Help;
                case Stage.AfterHelp when _family.UnitEnd > _family.UnitStart:
                    Unit = Encoding.UTF8.GetString(Payload[_family.UnitStart.._family.UnitEnd]);
                    _stage = Stage.AfterUnit;
                    return ExpositionEntry.Unit;
                case Stage.AfterHelp or Stage.AfterUnit:
                    _stage = Stage.Samples;
                    return ExpositionEntry.Type;
                default:
                    if (NextSample() is { } entry)
                    {
                        return entry;
                    }
                    _stage = Stage.FamilyStart;
                    break;
            }
        }
    }

    /// <summary>
    /// The current sample's labels: the (suffixed) family name, the metric's label pairs without empty values,
    /// and <c>le</c> or <c>quantile</c> where the sample needs one.
    /// </summary>
    public override LabelSet Labels()
    {
        var labels = new List<Label>(_metric.Labels.Count + 2) { new(LabelName.MetricName, _familyName + _current.Suffix) };
        foreach (var (nameStart, nameEnd, valueStart, valueEnd) in _metric.Labels)
        {
            if (valueEnd > valueStart)
            {
                labels.Add(new Label(Encoding.UTF8.GetString(Payload[nameStart..nameEnd]), Encoding.UTF8.GetString(Payload[valueStart..valueEnd])));
            }
        }
        if (_current.MagicLabel is { } magic)
        {
            labels.Add(new Label(magic, GoFloat.FormatOpenMetrics(_current.MagicValue)));
        }
        labels.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < labels.Count; i++)
        {
            if (labels[i].Name == labels[i - 1].Name)
            {
                throw Error($"label {GoString.Quote(labels[i].Name)} is given twice in a metric of family {GoString.Quote(_familyName)}");
            }
        }
        return LabelSet.FromSorted([.. labels]);
    }

    /// <summary>Reads the next non-empty family and emits nothing yet; false at the end of the payload.</summary>
    private bool NextFamily()
    {
        while (_next < Payload.Length)
        {
            _familyNumber++;
            _familyName = "";
            var (start, end) = Frame();
            _family.Read(Payload, start, end);
            _next = end;
            if (_family.Metrics.Count == 0)
            {
                continue;
            }
            ValidateFamily();
            (NameStart, NameEnd, NameEscaped) = (_family.NameStart, _family.NameEnd, false);
            _familyName = MetricNameString();
            Type = TypeOf(_family.Type);
            _metricIndex = 0;
            _pending.Clear();
            _pendingIndex = 0;
            return true;
        }
        return false;
    }

    /// <summary>The next delimited message's payload range: a varint length of at most 5 bytes, then that many bytes.</summary>
    private (int Start, int End) Frame()
    {
        ulong length = 0;
        var at = _next;
        for (var shift = 0; ; shift += 7)
        {
            if (shift >= 35 || at >= Payload.Length)
            {
                throw Error($"invalid length prefix at byte {_next}");
            }
            var b = Payload[at++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }
        }
        if (length > (ulong)(Payload.Length - at))
        {
            throw Error($"message at byte {_next} is {length} bytes long, but only {Payload.Length - at} bytes are left");
        }
        return (at, at + (int)length);
    }

    private void ValidateFamily()
    {
        var name = Payload[_family.NameStart.._family.NameEnd];
        if (name.IsEmpty || !Utf8.IsValid(name))
        {
            throw Error($"invalid metric name: {ByteQuote.Quote(name)}");
        }
        if (!Utf8.IsValid(Payload[_family.HelpStart.._family.HelpEnd]))
        {
            throw Error($"invalid help for metric {ByteQuote.Quote(name)}: not valid UTF-8");
        }
        if (_family.Type > 5)
        {
            throw Error($"unknown metric type {_family.Type} for metric {ByteQuote.Quote(name)}");
        }
    }

    private static MetricType TypeOf(ulong type) => type switch
    {
        0 => MetricType.Counter,
        1 => MetricType.Gauge,
        2 => MetricType.Summary,
        4 => MetricType.Histogram,
        5 => MetricType.GaugeHistogram,
        _ => MetricType.Unknown,
    };

    /// <summary>A parse error naming the family (by number, and by name once known).</summary>
    private new ExpositionParseException Error(string detail)
    {
        var name = _familyName.Length > 0 ? $" ({GoString.Quote(_familyName)})" : "";
        return new ExpositionParseException($"protobuf metric family {_familyNumber}{name}: {detail}");
    }
}
