namespace Vigil.Scrape.Parsing;

/// <summary>
/// Created timestamps: a counter <c>foo_total{a="1"}</c>, a histogram or a summary may be followed in its
/// family by <c>foo_created{a="1"}</c> holding the time the series started (seconds). As upstream, the
/// family name from the TYPE line links the two, and <c>le</c>/<c>quantile</c> are ignored when matching.
/// </summary>
public sealed partial class OpenMetricsParser
{
    private byte[] _createdKey = [];
    private long? _createdCached;
    private bool _hasCreatedCache;

    private OpenMetricsParser(ReadOnlyMemory<byte> payload, OpenMetricsParser from)
        : base(payload)
    {
        Pos = from.Pos;
        CurrentLine = from.CurrentLine;
        Type = from.Type;
        (_familyStart, _familyEnd) = (from._familyStart, from._familyEnd);
    }

    /// <summary>
    /// The created timestamp (ms) of the current series, read ahead from its family's <c>_created</c> series;
    /// null when the family type has none or none matches before the family ends.
    /// </summary>
    public long? CreatedTimestampMs()
    {
        if (!TypeHasCreated(Type))
        {
            return null;
        }
        var key = CreatedKey(Payload[_familyStart.._familyEnd]);
        if (_hasCreatedCache && key.AsSpan().SequenceEqual(_createdKey))
        {
            return _createdCached;
        }
        _createdCached = LookAheadForCreated(key);
        _createdKey = key;
        _hasCreatedCache = true;
        return _createdCached;
    }

    private long? LookAheadForCreated(byte[] key)
    {
        var peek = new OpenMetricsParser(PayloadMemory, this);
        try
        {
            while (peek.NextEntry() == ExpositionEntry.Series)
            {
                var name = peek.MetricName;
                if (!name.EndsWith("_created"u8))
                {
                    continue;
                }
                var peekedKey = peek.CreatedKey(name[..^8]);
                return peekedKey.AsSpan().SequenceEqual(key) ? (long)(peek.Value * 1000) : null;
            }
        }
        catch (ExpositionParseException)
        {
            // The error is reported when the main parser reaches that line; here it just ends the search.
        }
        return null;
    }

    private bool IsCreatedSeries() => TypeHasCreated(Type) && MetricName.EndsWith("_created"u8);

    private static bool TypeHasCreated(MetricType type) => type is MetricType.Counter or MetricType.Histogram or MetricType.Summary;

    /// <summary>The family name and the labels other than <c>le</c>/<c>quantile</c>, as written, separated by bytes that cannot occur in UTF-8.</summary>
    private byte[] CreatedKey(ReadOnlySpan<byte> family)
    {
        var size = family.Length;
        for (var i = 0; i < LabelCount; i++)
        {
            size += LabelNameAt(i).Length + RawLabelValueAt(i).Length + 2;
        }
        var key = new byte[size];
        family.CopyTo(key);
        var at = family.Length;
        for (var i = 0; i < LabelCount; i++)
        {
            var name = LabelNameAt(i);
            if ((Type == MetricType.Histogram && name.SequenceEqual("le"u8)) || (Type == MetricType.Summary && name.SequenceEqual("quantile"u8)))
            {
                continue;
            }
            key[at++] = 0xFF;
            name.CopyTo(key.AsSpan(at));
            at += name.Length;
            key[at++] = 0xFE;
            RawLabelValueAt(i).CopyTo(key.AsSpan(at));
            at += RawLabelValueAt(i).Length;
        }
        return key[..at];
    }
}
