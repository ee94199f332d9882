using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.Api.Prometheus;

/// <summary>
/// <c>/api/v1/query</c>, <c>/query_range</c> and <c>/format_query</c>: parameters checked in
/// upstream's order with upstream's messages, then the engine run under the effective timeout.
/// </summary>
public static class QueryHandlers
{
    /// <summary>The most points a range query may return per series.</summary>
    public const int MaxPointsPerSeries = 11_000;

    private const string Truncated = "results truncated due to limit";

    /// <summary>An instant query.</summary>
    public static ApiResult Instant(IPrometheusBackend backend, ApiRequest request, CancellationToken aborted)
    {
        var limit = ApiParams.Limit(request);
        var time = ApiParams.TimeParam(request, "time", backend.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var timeout = Timeout(backend, request);
        var query = request.Value("query");
        var storageWarnings = new List<string>();
        // The storage view is made inside the deadline so remote reads end with the query.
        var result = Run(timeout, aborted, token => backend.Engine.Instant(backend.QueryStorage(storageWarnings, token), query, time, token));
        return Answer(AtEvaluationTime(result, time), limit, storageWarnings);
    }

    /// <summary>A range query.</summary>
    public static ApiResult Range(IPrometheusBackend backend, ApiRequest request, CancellationToken aborted)
    {
        var limit = ApiParams.Limit(request);
        var start = Required(request, "start");
        var end = Required(request, "end");
        if (end < start)
        {
            throw ApiError.InvalidParam("end", "end timestamp must not be before start time");
        }
        var step = Step(request);
        if ((Int128)(end - start) / step > MaxPointsPerSeries)
        {
            throw new ApiError(ApiErrorType.BadData, "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        var timeout = Timeout(backend, request);
        var query = request.Value("query");
        var storageWarnings = new List<string>();
        var result = Run(timeout, aborted, token => backend.Engine.Range(backend.QueryStorage(storageWarnings, token), query, start, end, step, token));
        return Answer(result, limit, storageWarnings);
    }

    /// <summary>The query printed canonically; it may use the experimental PromQL <paramref name="parser"/> enables.</summary>
    public static ApiResult Format(ApiRequest request, ParserOptions? parser = null)
    {
        try
        {
            var text = Printer.Print(PromQLParser.Parse(request.Value("query"), parser));
            return new ApiResult(w => w.WriteStringValue(text));
        }
        catch (ParseException e)
        {
            throw ApiError.InvalidParam("query", e.Message);
        }
    }

    private static long Required(ApiRequest request, string name)
    {
        try
        {
            return ApiParams.ParseTime(request.Value(name));
        }
        catch (FormatException e)
        {
            throw ApiError.InvalidParam(name, e.Message);
        }
    }

    private static long Step(ApiRequest request)
    {
        TimeSpan step;
        try
        {
            step = ApiParams.ParseDuration(request.Value("step"));
        }
        catch (FormatException e)
        {
            throw ApiError.InvalidParam("step", e.Message);
        }
        var ms = step.Ticks / TimeSpan.TicksPerMillisecond;
        return ms > 0 ? ms : throw ApiError.InvalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }

    private static TimeSpan Timeout(IPrometheusBackend backend, ApiRequest request)
    {
        var text = request.Value("timeout");
        if (text.Length == 0)
        {
            return backend.QueryTimeout;
        }
        try
        {
            var asked = ApiParams.ParseDuration(text);
            return asked < backend.QueryTimeout ? asked : backend.QueryTimeout;
        }
        catch (FormatException e)
        {
            throw ApiError.InvalidParam("timeout", e.Message);
        }
    }

    private static QueryResult Run(TimeSpan timeout, CancellationToken aborted, Func<CancellationToken, QueryResult> body)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        if (timeout > TimeSpan.Zero)
        {
            deadline.CancelAfter(timeout);
        }
        else
        {
            // A deadline already past (timeout=0) fails as upstream's expired context does, before any work.
            deadline.Cancel();
        }
        try
        {
            deadline.Token.ThrowIfCancellationRequested();
            return body(deadline.Token);
        }
        catch (ParseException e)
        {
            throw ApiError.InvalidParam("query", e.Message);
        }
        catch (QueryException e) when (e.Message.StartsWith("invalid expression type", StringComparison.Ordinal))
        {
            // A range query over a non-instant expression is refused before it runs, as a bad parameter.
            throw ApiError.InvalidParam("query", e.Message);
        }
        catch (QueryException e) when (e.Message.Contains("timed out", StringComparison.Ordinal))
        {
            throw new ApiError(ApiErrorType.Timeout, e.Message);
        }
        catch (QueryException e)
        {
            throw new ApiError(ApiErrorType.Execution, e.Message);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            throw new ApiError(ApiErrorType.Canceled, "query was canceled in query execution");
        }
        catch (OperationCanceledException)
        {
            throw new ApiError(ApiErrorType.Timeout, "query timed out in query execution");
        }
    }

    /// <summary>
    /// Upstream answers every element of an instant vector at the evaluation time; the engine keeps a
    /// selected sample's own timestamp (which <c>timestamp()</c> needs), so it is replaced here.
    /// </summary>
    private static QueryResult AtEvaluationTime(QueryResult result, long time)
    {
        if (result.Value is not VectorValue v || v.Samples.TrueForAll(s => s.Timestamp == time))
        {
            return result;
        }
        var samples = v.Samples.ConvertAll(s => s with { Timestamp = time });
        return new QueryResult(new VectorValue(samples), result.Warnings, result.Infos);
    }

    private static ApiResult Answer(QueryResult result, int limit, List<string> storageWarnings)
    {
        var value = result.Value;
        // Storage warnings (a remote read that failed) come first, as upstream merges the querier's into the engine's.
        var warnings = storageWarnings.Concat(result.Warnings).Distinct().ToList();
        if (limit > 0 && Truncate(ref value, limit))
        {
            warnings.Add(Truncated);
        }
        return new ApiResult(w => QueryResultJson.Write(w, value)) { Warnings = warnings, Infos = result.Infos };
    }

    private static bool Truncate(ref QueryValue value, int limit)
    {
        switch (value)
        {
            case VectorValue v when v.Samples.Count > limit:
                value = new VectorValue(v.Samples[..limit]);
                return true;
            case MatrixValue m when m.Series.Count > limit:
                value = new MatrixValue(m.Series[..limit]);
                return true;
            default:
                return false;
        }
    }
}
