using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>The response kinds a remote read client may accept (protobuf <c>ReadRequest.ResponseType</c>).</summary>
public enum ReadResponseType
{
    /// <summary>One snappy-compressed <c>ReadResponse</c> with raw samples.</summary>
    Samples = 0,

    /// <summary>A stream of framed <c>ChunkedReadResponse</c> messages carrying XOR chunks.</summary>
    StreamedXorChunks = 1,
}

/// <summary>A label matcher as it travels: the protobuf type number (0 =, 1 !=, 2 =~, 3 !~), name and value.</summary>
/// <param name="Type">The wire type number; numbers outside 0..3 are kept so the handler can refuse them as upstream does.</param>
/// <param name="Name">The label name.</param>
/// <param name="Value">The value or regular expression.</param>
public readonly record struct WireMatcher(int Type, string Name, string Value)
{
    /// <summary>The wire form of <paramref name="matcher"/>.</summary>
    public static WireMatcher From(Matcher matcher) => new((int)matcher.Type, matcher.Name, matcher.Value);

    /// <summary>The matcher; throws <see cref="FormatException"/> for an unknown type or a regex that does not compile.</summary>
    public Matcher ToMatcher() => Type is >= 0 and <= 3
        ? new Matcher((MatcherType)Type, Name, Value)
        : throw new FormatException("invalid matcher type");
}

/// <summary>Upstream's select hints, passed through unchanged (Vigil's storage does not use them).</summary>
/// <param name="StepMs">Query step.</param>
/// <param name="Func">The surrounding function or aggregation.</param>
/// <param name="StartMs">Start of the selection.</param>
/// <param name="EndMs">End of the selection.</param>
/// <param name="Grouping">Grouping labels of the aggregation.</param>
/// <param name="By">Whether <paramref name="Grouping"/> is <c>by</c> (true) or <c>without</c>.</param>
/// <param name="RangeMs">Range of the range selector.</param>
public sealed record ReadHints(long StepMs, string Func, long StartMs, long EndMs, IReadOnlyList<string> Grouping, bool By, long RangeMs);

/// <summary>One query of a read request: a time range (milliseconds, inclusive) and matchers.</summary>
/// <param name="StartMs">First timestamp wanted.</param>
/// <param name="EndMs">Last timestamp wanted.</param>
/// <param name="Matchers">What every returned series must match.</param>
/// <param name="Hints">Optional hints.</param>
public sealed record ReadQuery(long StartMs, long EndMs, IReadOnlyList<WireMatcher> Matchers, ReadHints? Hints = null);

/// <summary>A decoded <c>prometheus.ReadRequest</c>.</summary>
/// <param name="Queries">The queries, answered in order.</param>
/// <param name="AcceptedResponseTypes">Response kinds in the client's order of preference, as raw numbers (unknown ones kept).</param>
public sealed record ReadRequest(IReadOnlyList<ReadQuery> Queries, IReadOnlyList<int> AcceptedResponseTypes);

/// <summary>One series of a read result: labels, float samples and native histogram samples, each in time order.</summary>
/// <param name="Labels">The series' labels.</param>
/// <param name="Samples">Its float samples, oldest first.</param>
public sealed record ReadSeries(LabelSet Labels, IReadOnlyList<Vigil.Storage.Sample> Samples)
{
    /// <summary>Its native histogram samples, oldest first (none by default).</summary>
    public IReadOnlyList<Vigil.Storage.HistogramSample> Histograms { get; init; } = [];
}

/// <summary>A remote read body that cannot be decoded; the message says which step failed.</summary>
public sealed class ReadCodecException(string message) : Exception(message)
{
}
