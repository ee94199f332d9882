using Vigil.Storage.Pooling;
using Vigil.Model.Labels;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>One float sample: a millisecond timestamp and a value.</summary>
public readonly record struct WriteSample(long Timestamp, double Value);

/// <summary>
/// A decoded remote write request: each series (validated labels and the storage's handle) and its float samples, held in
/// pooled arrays (one flat sample array for the whole request) so that a large request leaves no
/// large garbage behind. <see cref="Dispose"/> returns the arrays; spans handed out die with it.
/// </summary>
public sealed partial class WriteBatch : IDisposable
{
    private WrittenSeries[] _series = LargeArrayPool<WrittenSeries>.Shared.Rent(64);
    private int[] _ends = LargeArrayPool<int>.Shared.Rent(64);
    private WriteSample[] _samples;
    private int _sampleCount;

    internal WriteBatch(int sampleCapacityHint)
    {
        _samples = LargeArrayPool<WriteSample>.Shared.Rent(Math.Max(64, sampleCapacityHint));
    }

    /// <summary>How many series the request holds.</summary>
    public int SeriesCount { get; private set; }

    /// <summary>How many float samples the request holds.</summary>
    public int SampleCount => _sampleCount;

    /// <summary>The labels of series <paramref name="index"/>, sorted, empty values dropped.</summary>
    public LabelSet Labels(int index) => _series[index].Labels;

    /// <summary>Series <paramref name="index"/> as the receiver appends it (shared with later requests when cached).</summary>
    public WrittenSeries Series(int index) => _series[index];

    /// <summary>The float samples of series <paramref name="index"/>, in request order.</summary>
    public ReadOnlySpan<WriteSample> Samples(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _samples.AsSpan(start, _ends[index] - start);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (SeriesCount >= 0)
        {
            // Cleared so the pool does not keep series alive.
            LargeArrayPool<WrittenSeries>.Shared.Return(_series, clearArray: true);
            LargeArrayPool<int>.Shared.Return(_ends);
            LargeArrayPool<WriteSample>.Shared.Return(_samples);
            SeriesCount = -1;
        }
    }

    internal void AddSample(long timestamp, double value)
    {
        if (_sampleCount == _samples.Length)
        {
            Grow(ref _samples, _sampleCount, clear: false);
        }
        _samples[_sampleCount++] = new WriteSample(timestamp, value);
    }

    /// <summary>Closes a series: the samples added since the previous one are its samples.</summary>
    internal void EndSeries(WrittenSeries series)
    {
        if (SeriesCount == _series.Length)
        {
            Grow(ref _series, SeriesCount, clear: true);
            Grow(ref _ends, SeriesCount, clear: false);
        }
        _series[SeriesCount] = series;
        _ends[SeriesCount] = _sampleCount;
        SeriesCount++;
    }

    private static void Grow<T>(ref T[] array, int used, bool clear)
    {
        var bigger = LargeArrayPool<T>.Shared.Rent(array.Length * 2);
        Array.Copy(array, bigger, used);
        LargeArrayPool<T>.Shared.Return(array, clear);
        array = bigger;
    }
}
