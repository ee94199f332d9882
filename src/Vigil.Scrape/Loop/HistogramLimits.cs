using Vigil.Model.Histograms;

namespace Vigil.Scrape.Loop;

/// <summary>
/// Applies a job's native histogram limits before a histogram is stored, as upstream's scrape appenders do: first
/// <c>native_histogram_min_bucket_factor</c> (a finer schema is reduced to the job's finest), then
/// <c>native_histogram_bucket_limit</c> (the schema is lowered one step at a time until the populated buckets fit;
/// a custom-bucket histogram, or one already at the coarsest schema, that does not fit fails the scrape).
/// </summary>
internal static class HistogramLimits
{
    /// <summary>The error of a scrape with a histogram that cannot be made to fit, in upstream's words.</summary>
    public const string BucketLimitExceeded = "histogram bucket limit exceeded";

    /// <summary>The histogram to store; throws <see cref="ScrapeFailedException"/> when it cannot fit the bucket limit.</summary>
    public static FloatHistogram Apply(FloatHistogram histogram, ScrapeOptions options)
    {
        if (!histogram.UsesCustomBuckets && histogram.Schema > options.MaxSchema)
        {
            histogram = histogram.Reduce(options.MaxSchema);
        }
        var limit = options.Config.NativeHistogramBucketLimit;
        if (limit <= 0)
        {
            return histogram;
        }
        while (PopulatedBuckets(histogram) > limit)
        {
            if (histogram.UsesCustomBuckets || histogram.Schema <= FloatHistogram.MinSchema)
            {
                throw new ScrapeFailedException(BucketLimitExceeded);
            }
            histogram = histogram.Reduce(histogram.Schema - 1);
        }
        return histogram;
    }

    /// <summary>Buckets with observations: upstream counts the buckets of its compacted form, which keeps no empty ones.</summary>
    private static int PopulatedBuckets(FloatHistogram h) => Populated(h.Positive) + Populated(h.Negative);

    private static int Populated(BucketRun run)
    {
        var n = 0;
        foreach (var count in run.Counts)
        {
            if (count != 0)
            {
                n++;
            }
        }
        return n;
    }
}
