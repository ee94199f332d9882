namespace Vigil.Storage;

/// <summary>
/// One float sample: a millisecond timestamp and a value. Native histogram samples are planned as a
/// separate <c>HistogramSample</c> type beside this one (a series holds either kind per sample), so
/// float paths stay allocation-free; see <see cref="SampleKind"/>.
/// </summary>
public readonly record struct Sample(long Timestamp, double Value)
{
    /// <summary>Whether this sample is Prometheus's staleness marker.</summary>
    public bool IsStale => StaleNaN.IsStaleMarker(Value);
}

/// <summary>The kinds of sample a series can hold; only floats are implemented today.</summary>
public enum SampleKind
{
    /// <summary>A float sample.</summary>
    Float,

    /// <summary>A native (sparse) histogram sample: planned, not implemented yet.</summary>
    Histogram,
}

/// <summary>
/// The staleness marker: a NaN with a fixed bit pattern that no arithmetic produces, so it can be
/// told apart from a NaN value written by a target.
/// </summary>
public static class StaleNaN
{
    /// <summary>The marker's bit pattern.</summary>
    public const ulong Bits = 0x7ff0000000000002UL;

    /// <summary>The marker as a double.</summary>
    public static double Value { get; } = BitConverter.UInt64BitsToDouble(Bits);

    /// <summary>Whether <paramref name="value"/> carries exactly the marker's bits.</summary>
    public static bool IsStaleMarker(double value) => BitConverter.DoubleToUInt64Bits(value) == Bits;
}
