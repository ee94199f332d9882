using System.Net.Http.Headers;
using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost.RemoteWrite;
using Vigil.Storage;
using Vigil.Tsdb.Chunks;

namespace Vigil.PrometheusHost.RemoteRead;

/// <summary>A remote read that failed; the message is worded as upstream's and never holds a password.</summary>
public sealed class RemoteReadException(string message) : Exception(message)
{
}

/// <summary>
/// Sends one query to a <c>remote_read</c> endpoint and returns the series it answers. It accepts the
/// streamed XOR chunk response first and the sampled one second, as newer Prometheus servers offer both,
/// and decodes whichever the server picks.
/// </summary>
public sealed class RemoteReadClient
{
    private const string ChunkedContentType = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";

    private readonly HttpClient _http;
    private readonly RemoteReadConfig _config;
    private readonly Uri _url;
    private readonly TimeProvider _time;
    private readonly RemoteReadClientMetrics.Endpoint? _metrics;

    /// <summary>
    /// Creates a client for <paramref name="config"/>'s endpoint, sending through <paramref name="http"/> and counting in
    /// <paramref name="metrics"/> when given.
    /// </summary>
    public RemoteReadClient(HttpClient http, RemoteReadConfig config, TimeProvider time, RemoteReadClientMetrics.Endpoint? metrics = null)
    {
        _http = http;
        _config = config;
        _url = new Uri(config.Url);
        _time = time;
        _metrics = metrics;
        RedactedUrl = RemoteWriteClient.Redact(_url);
    }

    /// <summary>The endpoint with any password replaced, safe for logs and warnings.</summary>
    public string RedactedUrl { get; }

    /// <summary>The series answering <paramref name="query"/>; throws <see cref="RemoteReadException"/> when the read fails.</summary>
    /// <remarks>
    /// The read ends at <c>remote_timeout</c> or when <paramref name="cancellationToken"/> (the query's own deadline or
    /// cancellation) fires, whichever comes first; the latter is thrown as <see cref="OperationCanceledException"/>.
    /// </remarks>
    public async Task<List<ReadSeries>> ReadAsync(ReadQuery query, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_config.RemoteTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        _metrics?.InFlight(1);
        try
        {
            using var request = Request(query);
            var started = _time.GetTimestamp();
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return await ParseAsync(response, started, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteReadException($"error sending request: Post \"{RedactedUrl}\": context deadline exceeded: request timed out after {PromDurationText(_config.RemoteTimeout)}");
        }
        catch (HttpRequestException e)
        {
            throw new RemoteReadException($"error sending request: Post \"{RedactedUrl}\": {Secretless(e.Message)}");
        }
        catch (ReadCodecException e)
        {
            throw new RemoteReadException($"error reading response: {e.Message}");
        }
        finally
        {
            _metrics?.InFlight(-1);
        }
    }

    private HttpRequestMessage Request(ReadQuery query)
    {
        var body = ReadRequestCodec.Encode(new ReadRequest([query], [(int)ReadResponseType.StreamedXorChunks, (int)ReadResponseType.Samples]));
        var content = new ByteArrayContent(body);
        content.Headers.ContentEncoding.Add("snappy");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = content };
        request.Headers.AcceptEncoding.ParseAdd("snappy");
        request.Headers.UserAgent.ParseAdd($"Vigil/{Api.Metrics.BuildInfo.Current.Version}");
        request.Headers.Add("X-Prometheus-Remote-Read-Version", "0.1.0");
        foreach (var (name, value) in _config.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private async Task<List<ReadSeries>> ParseAsync(HttpResponseMessage response, long started, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status / 100 != 2)
        {
            throw new RemoteReadException($"remote server {RedactedUrl} returned http status {status} {response.ReasonPhrase}: {await ErrorBody(response, cancellationToken)}");
        }
        var contentType = response.Content.Headers.TryGetValues("Content-Type", out var values) ? string.Join(",", values) : "";
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (contentType.StartsWith("application/x-protobuf", StringComparison.Ordinal))
        {
            _metrics?.Took("sampled", _time.GetElapsedTime(started));
            _metrics?.Answered("sampled", code);
            var results = ReadResponseCodec.Decode(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return results.Count == 1 ? results[0] : throw new RemoteReadException($"responses: want 1, got {results.Count}");
        }
        if (contentType.StartsWith(ChunkedContentType, StringComparison.Ordinal))
        {
            _metrics?.Took("chunked", _time.GetElapsedTime(started));
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var completed = false;
            try
            {
                var series = await ReadChunkedAsync(stream, cancellationToken);
                completed = true;
                return series;
            }
            finally
            {
                _metrics?.Answered("chunked", completed ? code : "aborted_stream");
            }
        }
        _metrics?.Took("unsupported", _time.GetElapsedTime(started));
        _metrics?.Answered("unsupported", code);
        throw new RemoteReadException($"unsupported content type: {contentType}");
    }

    private async Task<List<ReadSeries>> ReadChunkedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ChunkedFrameReader(stream, _config.ChunkedReadLimit > 0 ? _config.ChunkedReadLimit : long.MaxValue);
        var series = new List<ReadSeries>();
        List<Sample>? current = null;
        List<HistogramSample>? currentHistograms = null;
        LabelSet? currentLabels = null;
        while (await reader.NextAsync(cancellationToken) is { } frame)
        {
            foreach (var part in ChunkedMessages.Decode(frame).Series)
            {
                // A server splits a long series over consecutive frames; they are joined back here.
                if (current is null || currentHistograms is null || !part.Labels.Equals(currentLabels))
                {
                    current = [];
                    currentHistograms = [];
                    currentLabels = part.Labels;
                    series.Add(new ReadSeries(part.Labels, current) { Histograms = currentHistograms });
                }
                foreach (var chunk in part.Chunks)
                {
                    DecodeChunk(chunk, current, currentHistograms);
                }
            }
        }
        return series;
    }

    private static void DecodeChunk(WireChunk chunk, List<Sample> into, List<HistogramSample> histograms)
    {
        if (chunk.Encoding is WireChunk.Histogram or WireChunk.FloatHistogram)
        {
            try
            {
                histograms.AddRange(Api.Prometheus.RemoteRead.HistogramChunks.HistogramChunkReader.Read(chunk.Encoding, chunk.Data));
                return;
            }
            catch (FormatException e)
            {
                throw new RemoteReadException($"error reading response: corrupt histogram chunk: {e.Message}");
            }
            catch (ArgumentException e)
            {
                // The chunk decoded but does not describe a valid histogram (e.g. an unknown schema).
                throw new RemoteReadException($"error reading response: invalid histogram chunk: {e.Message}");
            }
        }
        if (chunk.Encoding != WireChunk.Xor)
        {
            throw new RemoteReadException($"error reading response: unsupported chunk encoding {chunk.Encoding}");
        }
        var iterator = new XorIterator(chunk.Data);
        while (iterator.Next())
        {
            into.Add(iterator.Current);
        }
        if (iterator.IsCorrupt)
        {
            throw new RemoteReadException("error reading response: corrupt XOR chunk");
        }
    }

    private static async Task<string> ErrorBody(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await RemoteWriteClient.ErrorBodyStartAsync(response, cancellationToken)).Trim('\n');

    // Transport errors can echo the request URL; its password must not reach an API response.
    private string Secretless(string message) => message.Replace(_url.OriginalString, RedactedUrl, StringComparison.Ordinal);

    private static string PromDurationText(TimeSpan d) => Vigil.Model.Time.GoDurationText.Format(d);
}
