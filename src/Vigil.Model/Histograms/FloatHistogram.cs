namespace Vigil.Model.Histograms;

/// <summary>What a histogram sample says about a counter reset since the previous sample of its series.</summary>
public enum CounterResetHint
{
    /// <summary>Not known; readers detect resets by comparing with the previous sample.</summary>
    Unknown,

    /// <summary>The counter was reset just before this sample.</summary>
    Reset,

    /// <summary>No reset since the previous sample.</summary>
    NotReset,

    /// <summary>A gauge histogram: its buckets may go up and down, so resets do not apply.</summary>
    Gauge,
}

/// <summary>
/// A native histogram with float counts and an exponential bucket schema. Each side (positive, negative)
/// is kept as one run of buckets from its first to its last non-empty one, so two histograms describing
/// the same distribution have the same shape and compare equal field by field; the bucket at index
/// <c>i</c> covers (base^(i-1), base^i] with base = 2^(2^-schema), mirrored for the negative side.
/// Instances are immutable; operations return new ones.
/// </summary>
public sealed partial class FloatHistogram : IEquatable<FloatHistogram>
{
    /// <summary>Creates a histogram; the bucket runs are trimmed of empty buckets at either end.</summary>
    public FloatHistogram(
        int schema, double zeroThreshold, double zeroCount, double count, double sum,
        BucketRun positive, BucketRun negative, CounterResetHint hint = CounterResetHint.Unknown,
        IReadOnlyList<double>? customValues = null)
    {
        if (schema != CustomBucketsSchema && schema is < MinSchema or > MaxSchema)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), schema, $"schema must be between {MinSchema} and {MaxSchema}, or {CustomBucketsSchema} for custom buckets");
        }
        if ((schema == CustomBucketsSchema) != (customValues is not null))
        {
            throw new ArgumentException(
                schema == CustomBucketsSchema ? "a custom-bucket histogram needs its custom values (bucket bounds)" : "a histogram with an exponential schema must not have custom values",
                nameof(customValues));
        }
        CustomValues = customValues;
        Schema = schema;
        ZeroThreshold = zeroThreshold;
        ZeroCount = zeroCount;
        Count = count;
        Sum = sum;
        Positive = positive.Trimmed();
        Negative = negative.Trimmed();
        Hint = hint;
    }

    /// <summary>The lowest exponential schema (widest buckets).</summary>
    public const int MinSchema = -4;

    /// <summary>The highest exponential schema (narrowest buckets).</summary>
    public const int MaxSchema = 8;

    /// <summary>
    /// The schema of histograms whose buckets have explicit upper bounds (<see cref="CustomValues"/>), as
    /// converted classic histograms have; they have no zero bucket and no negative buckets.
    /// </summary>
    public const int CustomBucketsSchema = -53;

    /// <summary>
    /// The upper bounds of the buckets of a custom-bucket histogram (bucket <c>i</c> covers
    /// (CustomValues[i-1], CustomValues[i]], the one past the last bound reaches +Inf); null for an
    /// exponential schema. Never modified, so histograms share them.
    /// </summary>
    public IReadOnlyList<double>? CustomValues { get; }

    /// <summary>Whether this histogram has custom bucket bounds rather than an exponential schema.</summary>
    public bool UsesCustomBuckets => CustomValues is not null;

    /// <summary>The resolution: each power of two is split into 2^schema buckets.</summary>
    public int Schema { get; }

    /// <summary>Observations with an absolute value up to this count in the zero bucket.</summary>
    public double ZeroThreshold { get; }

    /// <summary>The zero bucket's count.</summary>
    public double ZeroCount { get; }

    /// <summary>The number of observations.</summary>
    public double Count { get; }

    /// <summary>The sum of the observations.</summary>
    public double Sum { get; }

    /// <summary>The positive buckets.</summary>
    public BucketRun Positive { get; }

    /// <summary>The negative buckets (index <c>i</c> covers [-base^i, -base^(i-1))).</summary>
    public BucketRun Negative { get; }

    /// <summary>The counter reset hint this sample carries.</summary>
    public CounterResetHint Hint { get; }

    /// <summary>An empty histogram of schema 0.</summary>
    public static FloatHistogram Empty { get; } = new(0, 0, 0, 0, 0, BucketRun.Empty, BucketRun.Empty);

    /// <summary>The same histogram with another hint.</summary>
    public FloatHistogram WithHint(CounterResetHint hint) =>
        hint == Hint ? this : new FloatHistogram(Schema, ZeroThreshold, ZeroCount, Count, Sum, Positive, Negative, hint, CustomValues);

    /// <summary>
    /// The upper bound of the positive bucket at <paramref name="index"/> in <paramref name="schema"/>: the same bound
    /// the query API writes (<see cref="BucketBounds.Upper"/>), as upstream uses one for both.
    /// </summary>
    public static double UpperBound(int index, int schema) => BucketBounds.Upper(index, schema);

    /// <summary>This histogram at a lower (coarser) schema: each bucket merged into the one containing it.</summary>
    public FloatHistogram Reduce(int schema)
    {
        if (schema >= Schema || UsesCustomBuckets)
        {
            return this;
        }
        var shift = Schema - schema;
        return new FloatHistogram(schema, ZeroThreshold, ZeroCount, Count, Sum, Positive.Reduce(shift), Negative.Reduce(shift), Hint);
    }

    /// <summary>
    /// Moves every bucket that reaches below <paramref name="threshold"/> into the zero bucket; the threshold
    /// grows to the upper bound of the last bucket moved, as a bucket cannot be split.
    /// </summary>
    private (FloatHistogram Histogram, double Threshold) WidenZeroBucket(double threshold)
    {
        var zeroCount = ZeroCount;
        var (positive, negative) = (Positive, Negative);
        var changed = threshold != ZeroThreshold;
        while (true)
        {
            var lowest = Math.Min(positive.IsEmpty ? int.MaxValue : positive.Offset, negative.IsEmpty ? int.MaxValue : negative.Offset);
            if (lowest == int.MaxValue || UpperBound(lowest - 1, Schema) >= threshold)
            {
                break;
            }
            zeroCount += positive.At(lowest) + negative.At(lowest);
            (positive, negative) = (positive.From(lowest + 1), negative.From(lowest + 1));
            threshold = Math.Max(threshold, UpperBound(lowest, Schema));
            changed = true;
        }
        return changed
            ? (new FloatHistogram(Schema, threshold, zeroCount, Count, Sum, positive, negative, Hint, CustomValues), threshold)
            : (this, threshold);
    }

    /// <summary>
    /// Whether going from <paramref name="previous"/> to this sample is a counter reset: an explicit hint
    /// decides; otherwise a lower count, a finer schema, a narrower zero bucket or any bucket going down.
    /// </summary>
    public bool IsResetAfter(FloatHistogram previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        switch (Hint)
        {
            case CounterResetHint.Reset:
                return true;
            case CounterResetHint.NotReset:
                return false;
        }
        if (Count < previous.Count || UsesCustomBuckets != previous.UsesCustomBuckets)
        {
            return true;
        }
        if (UsesCustomBuckets)
        {
            return CustomBucketsWentDown(previous);
        }
        if (Schema > previous.Schema || ZeroThreshold < previous.ZeroThreshold)
        {
            return true;
        }
        var (before, _) = previous.Reduce(Schema).WidenZeroBucket(ZeroThreshold);
        return ZeroCount < before.ZeroCount || Positive.AnyBelow(before.Positive) || Negative.AnyBelow(before.Negative);
    }

    /// <inheritdoc />
    public bool Equals(FloatHistogram? other) =>
        other is not null && Schema == other.Schema && Same(ZeroThreshold, other.ZeroThreshold) && Same(ZeroCount, other.ZeroCount)
        && Same(Count, other.Count) && Same(Sum, other.Sum) && Hint == other.Hint
        && Positive.Equals(other.Positive) && Negative.Equals(other.Negative) && SameBounds(CustomValues, other.CustomValues);

    /// <summary>
    /// Whether both describe the same data: everything <see cref="Equals(FloatHistogram?)"/> compares except the
    /// counter reset hint, as PromQL's <c>==</c> between histograms ignores it.
    /// </summary>
    public bool HasSameDataAs(FloatHistogram other) => other is not null && Equals(other.WithHint(Hint));

    // NaN equals NaN here, as upstream's histogram equality compares the bits of special values.
    internal static bool Same(double a, double b) => a.Equals(b);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FloatHistogram);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema, Count, Sum, ZeroCount, Positive.Offset, Positive.Count);

    /// <summary>A readable form for messages: <c>{count:2, sum:3, schema:0, buckets@1:[2]}</c>.</summary>
    public override string ToString() =>
        $"{{count:{Count}, sum:{Sum}, schema:{Schema}, zero:{ZeroCount}@{ZeroThreshold}, buckets@{Positive.Offset}:[{string.Join(' ', Positive.Counts)}], " +
        $"n_buckets@{Negative.Offset}:[{string.Join(' ', Negative.Counts)}], hint:{Hint}" +
        (CustomValues is null ? "}" : $", custom_values:[{string.Join(' ', CustomValues)}]}}");
}
