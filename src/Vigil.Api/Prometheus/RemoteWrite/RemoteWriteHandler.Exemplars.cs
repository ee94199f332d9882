using Vigil.Api.Logging;
using Vigil.Storage;
using Vigil.Storage.Exemplars;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>
/// Exemplars: appended after the series' samples, so their series exist. As upstream, a refused exemplar never
/// fails the request: out-of-order ones are summed into one warning, and with exemplar storage off they are dropped.
/// </summary>
public sealed partial class RemoteWriteHandler
{
    private void AppendExemplars(WriteBatch batch, IAppender appender, long maxTime)
    {
        var outOfOrder = 0;
        foreach (var (series, exemplar) in batch.ExemplarEntries)
        {
            var status = exemplar.Timestamp > maxTime
                ? ExemplarStatus.OutOfBounds
                : appender.AppendExemplar(batch.Series(series).Handle, batch.Labels(series), exemplar);
            if (status == ExemplarStatus.OutOfOrder)
            {
                outOfOrder++;
            }
        }
        if (outOfOrder > 0)
        {
            logger.Warn("Error on ingesting out-of-order exemplars", ("num_dropped", outOfOrder));
        }
    }
}
