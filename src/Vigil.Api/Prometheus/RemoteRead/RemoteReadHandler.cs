using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus.RemoteRead;

/// <summary>The server-side limits of <c>/api/v1/read</c>, from the <c>--storage.remote.read-*</c> flags (0: unlimited).</summary>
/// <param name="SampleLimit">Most samples one query of a SAMPLES response may return.</param>
/// <param name="ConcurrencyLimit">Most read requests served at once; the rest wait.</param>
/// <param name="MaxBytesInFrame">Budget of one streamed frame before a series is split across frames.</param>
public sealed record RemoteReadLimits(long SampleLimit = 50_000_000, int ConcurrencyLimit = 10, int MaxBytesInFrame = 1_048_576);

/// <summary>
/// <c>POST /api/v1/read</c>: decodes a snappy protobuf <c>ReadRequest</c>, picks the first response type the
/// client accepts that is supported (SAMPLES when it names none), and answers each query from local storage.
/// Errors are plain text as upstream's <c>http.Error</c> writes them: 400 for an undecodable body, an
/// unsupported response type or a query over the sample limit, 500 for anything else.
/// </summary>
public sealed class RemoteReadHandler : IDisposable
{
    private const string TextPlain = "text/plain; charset=utf-8";

    private readonly ISeriesQuerier _storage;
    private readonly Func<LabelSet> _externalLabels;
    private readonly RemoteReadLimits _limits;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim? _gate;
    private readonly System.Diagnostics.Metrics.Meter _meter = new("Vigil.RemoteRead");
    private int _inFlight;

    /// <summary>Serves reads of <paramref name="storage"/>; <paramref name="externalLabels"/> is asked per request so reloads apply.</summary>
    public RemoteReadHandler(ISeriesQuerier storage, Func<LabelSet> externalLabels, RemoteReadLimits limits, ILogger logger)
    {
        _storage = storage;
        _externalLabels = externalLabels;
        _limits = limits;
        _logger = logger;
        _gate = limits.ConcurrencyLimit > 0 ? new SemaphoreSlim(limits.ConcurrencyLimit, limits.ConcurrencyLimit) : null;
        const string help = "The current number of remote read queries that are either in execution or queued on the handler.";
        _meter.CreateObservableGauge("prometheus_remote_read_handler_queries", () => Queries, description: help);
        // The name Prometheus 2.x used (its 3.0 renamed it); kept so dashboards written for either keep working.
        _meter.CreateObservableGauge("prometheus_api_remote_read_queries", () => Queries, description: help);
    }

    /// <summary>The meter of the handler's gauges (tests read it).</summary>
    public System.Diagnostics.Metrics.Meter Meter => _meter;

    /// <summary>Requests executing or waiting for a slot (upstream's <c>prometheus_remote_read_handler_queries</c>).</summary>
    public int Queries => Volatile.Read(ref _inFlight);

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (!await EnterAsync(ctx))
            {
                return;
            }
            try
            {
                await ServeAsync(ctx);
            }
            finally
            {
                _gate?.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<bool> EnterAsync(HttpContext ctx)
    {
        if (_gate is null)
        {
            return true;
        }
        try
        {
            await _gate.WaitAsync(ctx.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            await ErrorAsync(ctx, 500, "context canceled");
            return false;
        }
    }

    private async Task ServeAsync(HttpContext ctx)
    {
        ReadRequest request;
        try
        {
            request = ReadRequestCodec.Decode(await ReadBodyAsync(ctx));
        }
        catch (ReadCodecException e)
        {
            await ErrorAsync(ctx, 400, e.Message);
            return;
        }
        var type = Negotiate(request.AcceptedResponseTypes);
        if (type is null)
        {
            await ErrorAsync(ctx, 400, $"server does not support any of the requested response types: [{string.Join(" ", request.AcceptedResponseTypes.Select(ResponseTypeName))}]; supported: map[SAMPLES:{{}} STREAMED_XOR_CHUNKS:{{}}]");
            return;
        }
        var selection = new ReadSelection(_storage, _externalLabels());
        if (type == ReadResponseType.StreamedXorChunks)
        {
            await new ChunkStreamer(selection, _limits.MaxBytesInFrame, _logger).StreamAsync(ctx, request);
        }
        else
        {
            await SamplesAsync(ctx, request, selection);
        }
    }

    private async Task SamplesAsync(HttpContext ctx, ReadRequest request, ReadSelection selection)
    {
        var results = new List<IReadOnlyList<ReadSeries>>(request.Queries.Count);
        foreach (var query in request.Queries)
        {
            try
            {
                results.Add(SampleQuery(selection, query));
            }
            catch (SampleLimitException e)
            {
                await ErrorAsync(ctx, 400, e.Message);
                return;
            }
            catch (FormatException e)
            {
                await ErrorAsync(ctx, 500, e.Message);
                return;
            }
        }
        var body = ReadResponseCodec.Encode(results);
        ctx.Response.ContentType = "application/x-protobuf";
        ctx.Response.Headers.ContentEncoding = "snappy";
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    private List<ReadSeries> SampleQuery(ReadSelection selection, ReadQuery query)
    {
        var result = new List<ReadSeries>();
        long count = 0;
        foreach (var (labels, series) in selection.Select(query))
        {
            var samples = new List<Sample>();
            series.CopySamples(query.StartMs, query.EndMs, samples);
            List<HistogramSample> histograms = _storage.MayHoldHistograms ? [.. series.HistogramSamples(query.StartMs, query.EndMs)] : [];
            if (samples.Count == 0 && histograms.Count == 0)
            {
                // Upstream's storage returns only series with data in the range.
                continue;
            }
            count += samples.Count + histograms.Count;
            if (_limits.SampleLimit > 0 && count > _limits.SampleLimit)
            {
                throw new SampleLimitException($"exceeded sample limit ({_limits.SampleLimit})");
            }
            result.Add(new ReadSeries(labels, samples) { Histograms = histograms });
        }
        return result;
    }

    /// <summary>The first accepted type that is supported; SAMPLES when none is named; null when none is supported.</summary>
    public static ReadResponseType? Negotiate(IReadOnlyList<int> accepted)
    {
        if (accepted.Count == 0)
        {
            return ReadResponseType.Samples;
        }
        foreach (var type in accepted)
        {
            if (type is (int)ReadResponseType.Samples or (int)ReadResponseType.StreamedXorChunks)
            {
                return (ReadResponseType)type;
            }
        }
        return null;
    }

    private static string ResponseTypeName(int type) => type switch
    {
        0 => "SAMPLES",
        1 => "STREAMED_XOR_CHUNKS",
        _ => type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        // Upstream reads at most the decode limit; a longer body is cut there and then fails to decompress.
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while (buffer.Length < ReadRequestCodec.DecodeLimit && (read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, (int)Math.Min(read, ReadRequestCodec.DecodeLimit - buffer.Length));
        }
        return buffer.ToArray();
    }

    /// <summary>Writes a plain-text error as Go's <c>http.Error</c> does (status, body and a newline).</summary>
    internal static async Task ErrorAsync(HttpContext ctx, int status, string message)
    {
        if (!ctx.Response.HasStarted)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = TextPlain;
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
        }
        await ctx.Response.WriteAsync(message + "\n", ctx.RequestAborted);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gate?.Dispose();
        _meter.Dispose();
    }

    private sealed class SampleLimitException(string message) : Exception(message)
    {
    }
}
