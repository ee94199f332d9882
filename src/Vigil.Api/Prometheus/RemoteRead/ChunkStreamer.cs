using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// The STREAMED_XOR_CHUNKS response: for each query, each matching series (in label order) is sent as chunks of
/// at most 120 samples (XOR for floats, upstream's histogram chunk encodings for native histograms, in time
/// order), in one or more frames. As upstream does, a frame is cut once its chunks
/// pass <c>--storage.remote.read-max-bytes-in-frame</c> less the size of the series' labels, so a frame
/// holds at most one series and may exceed the budget by one chunk.
/// </summary>
internal sealed class ChunkStreamer(ReadSelection selection, int maxBytesInFrame, ILogger logger)
{
    public async Task StreamAsync(HttpContext ctx, ReadRequest request)
    {
        ctx.Response.ContentType = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";
        for (var i = 0; i < request.Queries.Count; i++)
        {
            try
            {
                await StreamQueryAsync(ctx, request.Queries[i], i);
            }
            catch (FormatException e)
            {
                logger.Warn("Error in chunked remote read query", ("err", e.Message));
                await RemoteReadHandler.ErrorAsync(ctx, 500, e.Message);
                return;
            }
        }
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
    }

    private async Task StreamQueryAsync(HttpContext ctx, ReadQuery query, int index)
    {
        var samples = new List<Sample>();
        foreach (var (labels, series) in selection.Select(query))
        {
            samples.Clear();
            series.CopySamples(query.StartMs, query.EndMs, samples);
            List<HistogramSample> histograms = selection.MayHoldHistograms ? [.. series.HistogramSamples(query.StartMs, query.EndMs)] : [];
            foreach (var frame in Frames(labels, SeriesChunks.Of(samples, histograms), index))
            {
                await ctx.Response.Body.WriteAsync(frame, ctx.RequestAborted);
            }
        }
    }

    /// <summary>The frames carrying one series' chunks.</summary>
    public IEnumerable<byte[]> Frames(LabelSet labels, IEnumerable<WireChunk> seriesChunks, long queryIndex)
    {
        var budget = maxBytesInFrame - WireLabels.Size(labels);
        var left = budget;
        var chunks = new List<WireChunk>();
        using var next = seriesChunks.GetEnumerator();
        var more = next.MoveNext();
        while (more)
        {
            var chunk = next.Current;
            chunks.Add(chunk);
            left -= ChunkedMessages.ChunkSize(chunk.Data.Length, chunk.MinTimeMs, chunk.MaxTimeMs);
            more = next.MoveNext();
            if (left > 0 && more)
            {
                continue;
            }
            yield return ChunkedFrames.Frame(ChunkedMessages.Encode(new ChunkedSeries(labels, chunks), queryIndex));
            chunks = [];
            left = budget;
        }
    }
}
