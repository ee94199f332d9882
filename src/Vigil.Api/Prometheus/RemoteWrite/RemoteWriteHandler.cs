using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteWrite;

/// <summary>The answer to a write: an HTTP status and, for errors, the plain-text reason.</summary>
public readonly record struct WriteOutcome(int StatusCode, string Error);

/// <summary>
/// Stores a decoded remote write request in one appender, all or nothing, as upstream does: a
/// sample the storage refuses (out of order, out of bounds, duplicate timestamp) rolls the whole
/// request back and answers 400 so the sender does not retry it forever. Series with invalid labels
/// are refused with 400 before anything is appended, as the remote write 1.0 specification allows.
/// Series written before are found by their raw label bytes in a <see cref="WrittenSeriesCache"/>.
/// </summary>
public sealed partial class RemoteWriteHandler(IStorage storage, RemoteWriteMetrics metrics, ILogger logger, TimeProvider time)
{
    private readonly WrittenSeriesCache _cache = new(time);

    /// <summary>How far ahead of the clock a sample may be, as upstream's receiver allows.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(10);

    /// <summary>Decodes and stores <paramref name="body"/>; never throws for bad input.</summary>
    public WriteOutcome Handle(ReadOnlySpan<byte> body)
    {
        WriteBatch batch;
        try
        {
            _cache.SweepIfDue();
            batch = WriteRequestDecoder.Decode(body, _cache);
        }
        catch (WriteRequestException e)
        {
            logger.Error("Error decoding remote write request", ("err", e.Message));
            return new WriteOutcome(400, e.Message);
        }
        using (batch)
        {
            return Append(batch);
        }
    }

    private WriteOutcome Append(WriteBatch batch)
    {
        var appender = storage.Appender();
        appender.Reserve(batch.SampleCount);
        var maxTime = (time.GetUtcNow() + MaxAhead).ToUnixTimeMilliseconds();
        for (var i = 0; i < batch.SeriesCount; i++)
        {
            // The same label set object for all of a series' samples lets the appender skip the series lookup after the
            // first; the remembered handle spares that one too once the series was written before.
            var series = batch.Series(i);
            var labels = series.Labels;
            var handle = series.Handle;
            foreach (var sample in batch.Samples(i))
            {
                if (sample.Timestamp > maxTime)
                {
                    appender.Rollback();
                    metrics.Rejected("out_of_bounds", 1);
                    logger.Error("Out of order sample from remote write", ("err", "out of bounds: timestamp is too far in the future"), ("series", labels.ToString()), ("timestamp", sample.Timestamp));
                    return new WriteOutcome(400, "out of bounds: timestamp is too far in the future");
                }
                var status = appender.Append(ref handle, labels, sample.Timestamp, sample.Value);
                if (status != AppendStatus.Ok)
                {
                    appender.Rollback();
                    return Refused(status, labels, sample);
                }
            }
            series.Remember(handle);
        }
        if (AppendHistograms(batch, appender, maxTime) is { } refused)
        {
            return refused;
        }
        AppendExemplars(batch, appender, maxTime);
        appender.Commit();
        metrics.Appended(batch.SampleCount + batch.Histograms);
        return new WriteOutcome(204, "");
    }

    private WriteOutcome Refused(AppendStatus status, LabelSet labels, WriteSample sample)
    {
        var (reason, message) = status switch
        {
            AppendStatus.OutOfOrder => ("out_of_order", "out of order sample"),
            AppendStatus.OutOfBounds => ("out_of_bounds", "out of bounds"),
            _ => ("duplicate_timestamp", "duplicate sample for timestamp"),
        };
        metrics.Rejected(reason, 1);
        logger.Error("Out of order sample from remote write", ("err", message), ("series", labels.ToString()), ("timestamp", sample.Timestamp));
        return new WriteOutcome(400, message);
    }
}
