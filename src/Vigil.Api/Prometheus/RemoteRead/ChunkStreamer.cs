using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;
using Vigil.Tsdb.Chunks;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>
/// The STREAMED_XOR_CHUNKS response: for each query, each matching series (in label order) is sent as XOR
/// chunks of at most 120 samples, in one or more frames. As upstream does, a frame is cut once its chunks
/// pass <c>--storage.remote.read-max-bytes-in-frame</c> less the size of the series' labels, so a frame
/// holds at most one series and may exceed the budget by one chunk.
/// </summary>
internal sealed class ChunkStreamer(ReadSelection selection, int maxBytesInFrame, ILogger logger)
{
    private const int SamplesPerChunk = 120;

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
            foreach (var frame in Frames(labels, samples, index))
            {
                await ctx.Response.Body.WriteAsync(frame, ctx.RequestAborted);
            }
        }
    }

    /// <summary>The frames carrying one series' samples.</summary>
    public IEnumerable<byte[]> Frames(LabelSet labels, List<Sample> samples, long queryIndex)
    {
        var budget = maxBytesInFrame - WireLabels.Size(labels);
        var left = budget;
        var chunks = new List<WireChunk>();
        for (var start = 0; start < samples.Count; start += SamplesPerChunk)
        {
            var chunk = Encode(samples, start, Math.Min(SamplesPerChunk, samples.Count - start));
            chunks.Add(chunk);
            left -= ChunkedMessages.ChunkSize(chunk.Data.Length, chunk.MinTimeMs, chunk.MaxTimeMs);
            var more = start + SamplesPerChunk < samples.Count;
            if (left > 0 && more)
            {
                continue;
            }
            yield return ChunkedFrames.Frame(ChunkedMessages.Encode(new ChunkedSeries(labels, chunks), queryIndex));
            chunks = [];
            left = budget;
        }
    }

    private static WireChunk Encode(List<Sample> samples, int start, int count)
    {
        var chunk = new XorChunk(expectedSamples: count);
        for (var i = start; i < start + count; i++)
        {
            chunk.Append(samples[i].Timestamp, samples[i].Value);
        }
        return new WireChunk(chunk.MinTime, chunk.MaxTime, WireChunk.Xor, chunk.Bytes.ToArray());
    }
}
