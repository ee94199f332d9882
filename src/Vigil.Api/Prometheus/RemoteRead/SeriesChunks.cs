using Vigil.Api.Prometheus.RemoteRead.HistogramChunks;
using Vigil.Storage;
using Vigil.Tsdb.Chunks;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>Cuts one series' samples into the chunks a streamed remote read answer carries.</summary>
public static class SeriesChunks
{
    private const int SamplesPerChunk = 120;

    /// <summary>
    /// One series' chunks in time order: each run of consecutive float samples as XOR chunks, each run of histogram
    /// samples as histogram chunks (a series changes kind rarely, so runs are long).
    /// </summary>
    public static IEnumerable<WireChunk> Of(List<Sample> samples, List<HistogramSample> histograms)
    {
        int f = 0, h = 0;
        while (f < samples.Count || h < histograms.Count)
        {
            if (h == histograms.Count || (f < samples.Count && samples[f].Timestamp < histograms[h].Timestamp))
            {
                var end = f;
                while (end < samples.Count && (h == histograms.Count || samples[end].Timestamp < histograms[h].Timestamp))
                {
                    end++;
                }
                for (var start = f; start < end; start += SamplesPerChunk)
                {
                    yield return Encode(samples, start, Math.Min(SamplesPerChunk, end - start));
                }
                f = end;
            }
            else
            {
                var end = h;
                while (end < histograms.Count && (f == samples.Count || histograms[end].Timestamp <= samples[f].Timestamp))
                {
                    end++;
                }
                foreach (var chunk in HistogramChunkWriter.Chunks(histograms[h..end]))
                {
                    yield return chunk;
                }
                h = end;
            }
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
