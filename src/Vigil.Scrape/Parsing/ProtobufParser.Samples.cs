using Vigil.Model.Histograms;
using Vigil.Scrape.Parsing.Protobuf;

namespace Vigil.Scrape.Parsing;

/// <summary>How a protobuf metric becomes samples: one per value, classic series for summaries and histograms.</summary>
public sealed partial class ProtobufParser
{
    /// <summary>Returns the next sample of the current family, decoding its next metric when needed; null when done.</summary>
    private ExpositionEntry? NextSample()
    {
        while (_pendingIndex >= _pending.Count)
        {
            if (_metricIndex >= _family.Metrics.Count)
            {
                return null;
            }
            var (start, end) = _family.Metrics[_metricIndex++];
            _metric.Read(Payload, start, end);
            ValidateLabels();
            _pending.Clear();
            _pendingIndex = 0;
            Expand();
        }
        _current = _pending[_pendingIndex++];
        Value = _current.Value;
        Histogram = _current.Histogram;
        TimestampMs = _metric.TimestampMs != 0 ? _metric.TimestampMs : null;
        BuildKey();
        return _current.Histogram is null ? ExpositionEntry.Series : ExpositionEntry.Histogram;
    }

    /// <summary>Lists the samples of the current metric, as upstream derives them from its type.</summary>
    private void Expand()
    {
        switch (Type)
        {
            case MetricType.Summary:
                AddSummary();
                break;
            case MetricType.Histogram or MetricType.GaugeHistogram:
                AddHistogram(Type == MetricType.GaugeHistogram);
                break;
            default:
                _pending.Add(new PendingSample("", null, 0, _metric.Value, null));
                break;
        }
    }

    private void AddSummary()
    {
        _pending.Add(new PendingSample("_count", null, 0, _metric.SummaryCount, null));
        _pending.Add(new PendingSample("_sum", null, 0, _metric.SummarySum, null));
        foreach (var (quantile, value) in _metric.Quantiles)
        {
            _pending.Add(new PendingSample("", "quantile", quantile, value, null));
        }
    }

    /// <summary>
    /// A native histogram when the message has native parts and the job scrapes them (plus its classic series
    /// when always_scrape_classic_histograms asks and it has buckets); otherwise the classic series, a
    /// custom-bucket histogram, or both, as convert_classic_histograms_to_nhcb and always_scrape_classic_histograms say.
    /// </summary>
    private void AddHistogram(bool gauge)
    {
        var h = _metric.Histogram;
        if (_options.ScrapeNativeHistograms && h.IsNative)
        {
            _pending.Add(new PendingSample("", null, 0, 0, Native(h, gauge)));
            if (_options.AlwaysScrapeClassicHistograms && h.Buckets.Count > 0)
            {
                AddClassic();
            }
            return;
        }
        var convert = _options.ConvertClassicHistogramsToNhcb;
        if (!convert || _options.AlwaysScrapeClassicHistograms)
        {
            AddClassic();
        }
        if (convert)
        {
            _pending.Add(new PendingSample("", null, 0, 0, CustomBuckets(h, gauge)));
        }
    }

    /// <summary>
    /// <c>_count</c>, <c>_sum</c>, then one <c>_bucket</c> per bucket up to the first +Inf one; a +Inf bucket with the
    /// count is added when the message has none.
    /// </summary>
    private void AddClassic()
    {
        var h = _metric.Histogram;
        _pending.Add(new PendingSample("_count", null, 0, h.Count, null));
        _pending.Add(new PendingSample("_sum", null, 0, h.SampleSum, null));
        foreach (var (upper, count, countFloat) in h.Buckets)
        {
            _pending.Add(new PendingSample("_bucket", "le", upper, countFloat > 0 ? countFloat : count, null));
            if (double.IsPositiveInfinity(upper))
            {
                return;
            }
        }
        _pending.Add(new PendingSample("_bucket", "le", double.PositiveInfinity, h.Count, null));
    }

    private FloatHistogram Native(ExposedHistogram h, bool gauge)
    {
        try
        {
            return h.Native(gauge);
        }
        catch (InvalidHistogramException e)
        {
            throw HistogramError(e);
        }
    }

    private FloatHistogram CustomBuckets(ExposedHistogram h, bool gauge)
    {
        try
        {
            return _nhcb.Convert(h.Buckets, h.Count, h.SampleSum, gauge);
        }
        catch (InvalidHistogramException e)
        {
            throw HistogramError(e);
        }
    }

    private ExpositionParseException HistogramError(InvalidHistogramException e) =>
        Error($"histogram {Vigil.Model.GoString.Quote(_familyName)}: {e.Message}");

    /// <summary>Label names must be non-empty UTF-8 and values UTF-8, as upstream's decoder checks.</summary>
    private void ValidateLabels()
    {
        foreach (var (nameStart, nameEnd, valueStart, valueEnd) in _metric.Labels)
        {
            var name = Payload[nameStart..nameEnd];
            if (name.IsEmpty || !System.Text.Unicode.Utf8.IsValid(name))
            {
                throw Error($"invalid label name: {ByteQuote.Quote(name)}");
            }
            if (!System.Text.Unicode.Utf8.IsValid(Payload[valueStart..valueEnd]))
            {
                throw Error($"invalid label value: {ByteQuote.Quote(Payload[valueStart..valueEnd])}");
            }
        }
    }

    /// <summary>
    /// The cache key of the current sample: kind, family name, suffix, magic label value (as bits) and each label
    /// pair, separated by a byte that never occurs in UTF-8, so two different series never share a key.
    /// </summary>
    private void BuildKey()
    {
        _keyLength = 0;
        Put(_current.Histogram is null ? (byte)'f' : (byte)'h');
        Put(Payload[_family.NameStart.._family.NameEnd]);
        Put(Separator);
        // The suffixes ("", _count, _sum, _bucket) differ in length, so the length names the suffix.
        Put((byte)_current.Suffix.Length);
        if (_current.MagicLabel is not null)
        {
            Span<byte> bits = stackalloc byte[8];
            BitConverter.TryWriteBytes(bits, _current.MagicValue);
            Put(bits);
        }
        foreach (var (nameStart, nameEnd, valueStart, valueEnd) in _metric.Labels)
        {
            Put(Separator);
            Put(Payload[nameStart..nameEnd]);
            Put(Separator);
            Put(Payload[valueStart..valueEnd]);
        }
    }

    private void Put(byte b) => Put([b]);

    private void Put(ReadOnlySpan<byte> bytes)
    {
        if (_keyLength + bytes.Length > _key.Length)
        {
            Array.Resize(ref _key, Math.Max(_key.Length * 2, _keyLength + bytes.Length));
        }
        bytes.CopyTo(_key.AsSpan(_keyLength));
        _keyLength += bytes.Length;
    }

    /// <summary>
    /// One sample a metric yields: the suffix of its name, the <c>le</c> or <c>quantile</c> label it adds (if any)
    /// with that label's value, and its float value or native histogram.
    /// </summary>
    private readonly record struct PendingSample(string Suffix, string? MagicLabel, double MagicValue, double Value, FloatHistogram? Histogram);
}
