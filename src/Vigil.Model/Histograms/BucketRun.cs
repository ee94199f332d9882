namespace Vigil.Model.Histograms;

/// <summary>
/// One side's buckets as a dense run: <see cref="Counts"/>[k] is the bucket at index <see cref="Offset"/> + k.
/// Gaps inside the run are zeros, which keeps lookups and additions simple; histograms in rule tests and
/// PromQL scripts are small, so the dense form costs little.
/// </summary>
public sealed class BucketRun : IEquatable<BucketRun>
{
    private readonly double[] _counts;

    /// <summary>Creates a run of <paramref name="counts"/> starting at bucket index <paramref name="offset"/>.</summary>
    public BucketRun(int offset, IEnumerable<double> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Offset = offset;
        _counts = counts.ToArray();
    }

    /// <summary>No buckets.</summary>
    public static BucketRun Empty { get; } = new(0, []);

    /// <summary>The index of the first bucket.</summary>
    public int Offset { get; }

    /// <summary>The bucket counts, from <see cref="Offset"/> on.</summary>
    public IReadOnlyList<double> Counts => _counts;

    /// <summary>The number of buckets in the run.</summary>
    public int Count => _counts.Length;

    /// <summary>Whether the run has no buckets.</summary>
    public bool IsEmpty => _counts.Length == 0;

    /// <summary>The count of the bucket at <paramref name="index"/> (0 outside the run).</summary>
    public double At(int index) => index >= Offset && index - Offset < _counts.Length ? _counts[index - Offset] : 0;

    /// <summary>The run without empty buckets at either end (an all-empty run becomes <see cref="Empty"/>).</summary>
    public BucketRun Trimmed()
    {
        var first = Array.FindIndex(_counts, c => c != 0);
        if (first < 0)
        {
            return _counts.Length == 0 && Offset == 0 ? this : Empty;
        }
        var last = Array.FindLastIndex(_counts, c => c != 0);
        return first == 0 && last == _counts.Length - 1 ? this : new BucketRun(Offset + first, _counts[first..(last + 1)]);
    }

    /// <summary>The buckets from <paramref name="index"/> on.</summary>
    public BucketRun From(int index) => index <= Offset ? this
        : index - Offset >= _counts.Length ? Empty
        : new BucketRun(index, _counts[(index - Offset)..]);

    /// <summary>This run plus <paramref name="sign"/> times <paramref name="other"/>, bucket by bucket.</summary>
    public BucketRun Combine(BucketRun other, double sign)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }
        var start = IsEmpty ? other.Offset : Math.Min(Offset, other.Offset);
        var end = IsEmpty ? other.Offset + other.Count : Math.Max(Offset + Count, other.Offset + other.Count);
        var counts = new double[end - start];
        for (var i = start; i < end; i++)
        {
            counts[i - start] = At(i) + (sign * other.At(i));
        }
        return new BucketRun(start, counts);
    }

    /// <summary>The run with <paramref name="map"/> applied to every bucket count (same layout).</summary>
    public BucketRun Map(Func<double, double> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsEmpty ? this : new BucketRun(Offset, _counts.Select(map));
    }

    /// <summary>The run at a schema <paramref name="shift"/> steps coarser: 2^shift buckets merge into one.</summary>
    public BucketRun Reduce(int shift)
    {
        if (IsEmpty || shift <= 0)
        {
            return this;
        }
        // Bucket i covers (base^(i-1), base^i]; the coarser bucket containing it is ((i - 1) >> shift) + 1.
        int Target(int index) => ((index - 1) >> shift) + 1;
        var start = Target(Offset);
        var counts = new double[Target(Offset + Count - 1) - start + 1];
        for (var k = 0; k < _counts.Length; k++)
        {
            counts[Target(Offset + k) - start] += _counts[k];
        }
        return new BucketRun(start, counts);
    }

    /// <summary>Whether any bucket of this run holds less than the same bucket of <paramref name="previous"/>.</summary>
    public bool AnyBelow(BucketRun previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        for (var k = 0; k < previous.Count; k++)
        {
            if (At(previous.Offset + k) < previous._counts[k])
            {
                return true;
            }
        }
        return false;
    }

    /// <inheritdoc />
    public bool Equals(BucketRun? other) =>
        other is not null && (IsEmpty ? other.IsEmpty : Offset == other.Offset && _counts.AsSpan().SequenceEqual(other._counts));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BucketRun);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Offset, _counts.Length);
}
