using Vigil.Storage;

namespace Vigil.Scrape.Loop;

/// <summary>What one scrape could not store, counted while appending and reported once per scrape.</summary>
internal sealed class AppendRejections
{
    public int OutOfOrder { get; private set; }

    public int OutOfBounds { get; private set; }

    public int Duplicates { get; private set; }

    public bool SampleLimitExceeded { get; set; }

    public bool BucketLimitExceeded { get; set; }

    /// <summary>Exemplars refused as out of order (counted only when all of a sample's were).</summary>
    public int ExemplarOutOfOrder { get; set; }

    /// <summary>Counts one sample the appender refused.</summary>
    public void Count(AppendStatus status)
    {
        switch (status)
        {
            case AppendStatus.OutOfOrder:
                OutOfOrder++;
                break;
            case AppendStatus.OutOfBounds:
                OutOfBounds++;
                break;
            case AppendStatus.DuplicateTimestamp:
                Duplicates++;
                break;
        }
    }

    public void Reset()
    {
        (OutOfOrder, OutOfBounds, Duplicates, SampleLimitExceeded, BucketLimitExceeded, ExemplarOutOfOrder) = (0, 0, 0, false, false, 0);
    }
}
