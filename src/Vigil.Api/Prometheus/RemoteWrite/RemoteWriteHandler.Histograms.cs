using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>Native histogram samples: appended after the floats, refused for the same reasons, all or nothing.</summary>
public sealed partial class RemoteWriteHandler
{
    /// <summary>Appends the batch's histograms; on a refusal rolls back and returns the answer, else null.</summary>
    private WriteOutcome? AppendHistograms(WriteBatch batch, IAppender appender, long maxTime)
    {
        foreach (var (series, timestamp, histogram) in batch.HistogramSamples)
        {
            var labels = batch.Labels(series);
            var status = timestamp > maxTime ? AppendStatus.OutOfBounds : appender.AppendHistogram(labels, timestamp, histogram);
            if (status != AppendStatus.Ok)
            {
                appender.Rollback();
                return Refused(status, labels, new WriteSample(timestamp, histogram.Sum));
            }
        }
        return null;
    }
}
