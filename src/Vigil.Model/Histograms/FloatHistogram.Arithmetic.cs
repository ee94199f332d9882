namespace Vigil.Model.Histograms;

/// <summary>What went less than cleanly when two histograms were added or subtracted; callers turn these into annotations.</summary>
[Flags]
public enum HistogramCombineNotes
{
    /// <summary>Nothing to report.</summary>
    None = 0,

    /// <summary>One operand said "counter reset" and the other "no counter reset"; the result's hint is unknown.</summary>
    CounterResetCollision = 1,

    /// <summary>The operands had different custom bucket bounds; the result has only the bounds both share.</summary>
    CustomBoundsReconciled = 2,
}

/// <summary>An operation that cannot combine an exponential histogram with a custom-bucket one.</summary>
public sealed class IncompatibleHistogramsException : InvalidOperationException
{
    /// <summary>Creates the exception with upstream's message.</summary>
    public IncompatibleHistogramsException()
        : base("cannot apply this operation on histograms with a mix of exponential and custom bucket schemas")
    {
    }
}

/// <summary>Addition, subtraction and scaling.</summary>
public sealed partial class FloatHistogram
{
    /// <summary>
    /// The sum of this histogram and <paramref name="other"/>: at the lower of the two schemas, with the
    /// wider zero bucket (buckets it swallows move into it), and the hint combined as upstream does.
    /// Custom-bucket histograms add bucket by bucket when their bounds match, else on the bounds they share.
    /// </summary>
    /// <exception cref="IncompatibleHistogramsException">One has custom buckets and the other an exponential schema.</exception>
    public FloatHistogram Add(FloatHistogram other) => Combine(other, 1, out _);

    /// <inheritdoc cref="Add(FloatHistogram)"/>
    /// <param name="other">The histogram to add.</param>
    /// <param name="notes">What the caller should warn or inform about.</param>
    public FloatHistogram Add(FloatHistogram other, out HistogramCombineNotes notes) => Combine(other, 1, out notes);

    /// <summary>This histogram minus <paramref name="other"/>, aligned as <see cref="Add(FloatHistogram)"/> does.</summary>
    /// <exception cref="IncompatibleHistogramsException">One has custom buckets and the other an exponential schema.</exception>
    public FloatHistogram Subtract(FloatHistogram other) => Combine(other, -1, out _);

    /// <inheritdoc cref="Subtract(FloatHistogram)"/>
    /// <param name="other">The histogram to subtract.</param>
    /// <param name="notes">What the caller should warn or inform about.</param>
    public FloatHistogram Subtract(FloatHistogram other, out HistogramCombineNotes notes) => Combine(other, -1, out notes);

    /// <summary>
    /// Every count, the sum and every bucket times <paramref name="factor"/>; the layout stays. A negative
    /// factor makes the result a gauge histogram, as its buckets may now go down.
    /// </summary>
    public FloatHistogram Multiply(double factor) => new(
        Schema, ZeroThreshold, ZeroCount * factor, Count * factor, Sum * factor,
        Positive.Map(c => c * factor), Negative.Map(c => c * factor), factor < 0 ? CounterResetHint.Gauge : Hint, CustomValues);

    /// <summary>
    /// Every count, the sum and every bucket divided by <paramref name="divisor"/>. Dividing by zero leaves
    /// no buckets at all (count, sum and zero bucket become infinite or NaN), as upstream; a negative
    /// divisor makes the result a gauge histogram.
    /// </summary>
    public FloatHistogram Divide(double divisor)
    {
        if (divisor == 0)
        {
            return new FloatHistogram(
                Schema, ZeroThreshold, ZeroCount / divisor, Count / divisor, Sum / divisor, BucketRun.Empty, BucketRun.Empty, Hint, CustomValues);
        }
        return new FloatHistogram(
            Schema, ZeroThreshold, ZeroCount / divisor, Count / divisor, Sum / divisor,
            Positive.Map(c => c / divisor), Negative.Map(c => c / divisor),
            divisor < 0 ? CounterResetHint.Gauge : Hint, CustomValues);
    }

    private FloatHistogram Combine(FloatHistogram other, double sign, out HistogramCombineNotes notes)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (UsesCustomBuckets != other.UsesCustomBuckets)
        {
            throw new IncompatibleHistogramsException();
        }
        var (hint, collision) = CombinedHint(Hint, other.Hint);
        notes = collision ? HistogramCombineNotes.CounterResetCollision : HistogramCombineNotes.None;
        if (UsesCustomBuckets)
        {
            return CombineCustom(other, sign, hint, ref notes);
        }
        var schema = Math.Min(Schema, other.Schema);
        var threshold = Math.Max(ZeroThreshold, other.ZeroThreshold);
        var (left, right) = (Reduce(schema), other.Reduce(schema));
        (left, threshold) = left.WidenZeroBucket(threshold);
        (right, threshold) = right.WidenZeroBucket(threshold);
        (left, _) = left.WidenZeroBucket(threshold);
        return new FloatHistogram(
            schema, threshold, left.ZeroCount + (sign * right.ZeroCount), Count + (sign * other.Count), Sum + (sign * other.Sum),
            left.Positive.Combine(right.Positive, sign), left.Negative.Combine(right.Negative, sign), hint);
    }

    private FloatHistogram CombineCustom(FloatHistogram other, double sign, CounterResetHint hint, ref HistogramCombineNotes notes)
    {
        var bounds = CustomValues!;
        var (left, right) = (Positive, other.Positive);
        if (!SameBounds(bounds, other.CustomValues))
        {
            notes |= HistogramCombineNotes.CustomBoundsReconciled;
            bounds = SharedBounds(bounds, other.CustomValues!);
            (left, right) = (MapToBounds(left, CustomValues!, bounds), MapToBounds(right, other.CustomValues!, bounds));
        }
        return new FloatHistogram(
            CustomBucketsSchema, 0, 0, Count + (sign * other.Count), Sum + (sign * other.Sum),
            left.Combine(right, sign), BucketRun.Empty, hint, bounds);
    }

    /// <summary>
    /// Upstream's hint for a sum or difference: equal hints stay; a gauge makes a gauge; an unknown makes an
    /// unknown; "reset" against "not reset" is a collision and also gives unknown.
    /// </summary>
    private static (CounterResetHint Hint, bool Collision) CombinedHint(CounterResetHint a, CounterResetHint b) => (a, b) switch
    {
        _ when a == b => (a, false),
        (CounterResetHint.Gauge, _) or (_, CounterResetHint.Gauge) => (CounterResetHint.Gauge, false),
        (CounterResetHint.Unknown, _) or (_, CounterResetHint.Unknown) => (CounterResetHint.Unknown, false),
        _ => (CounterResetHint.Unknown, true),
    };

    /// <summary>Whether two custom bound lists are the same (both null counts as the same).</summary>
    internal static bool SameBounds(IReadOnlyList<double>? a, IReadOnlyList<double>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }
        return true;
    }

    // The bounds present in both (sorted) lists.
    private static double[] SharedBounds(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var shared = new List<double>(Math.Min(a.Count, b.Count));
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j])
            {
                shared.Add(a[i]);
                (i, j) = (i + 1, j + 1);
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return [.. shared];
    }

    // Each bucket goes into the first coarser bucket whose upper bound is at or above its own (+Inf last).
    private static BucketRun MapToBounds(BucketRun run, IReadOnlyList<double> from, IReadOnlyList<double> to)
    {
        var counts = new double[to.Count + 1];
        var target = 0;
        for (var k = 0; k < run.Count; k++)
        {
            var index = run.Offset + k;
            var upper = index < from.Count ? from[index] : double.PositiveInfinity;
            while (target < to.Count && to[target] < upper)
            {
                target++;
            }
            counts[target] += run.Counts[k];
        }
        return new BucketRun(0, counts);
    }

    // For custom buckets, a reset is any bucket going down once both sides are on the bounds they share.
    private bool CustomBucketsWentDown(FloatHistogram previous)
    {
        if (SameBounds(CustomValues, previous.CustomValues))
        {
            return Positive.AnyBelow(previous.Positive);
        }
        var shared = SharedBounds(CustomValues!, previous.CustomValues!);
        return MapToBounds(Positive, CustomValues!, shared).AnyBelow(MapToBounds(previous.Positive, previous.CustomValues!, shared));
    }
}
