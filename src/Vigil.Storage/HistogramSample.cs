using Vigil.Model.Histograms;

namespace Vigil.Storage;

/// <summary>
/// One native histogram sample. Kept apart from the float <see cref="Sample"/> so float paths stay
/// allocation-free; a series may hold both kinds, at different timestamps.
/// </summary>
public readonly record struct HistogramSample(long Timestamp, FloatHistogram Histogram);
