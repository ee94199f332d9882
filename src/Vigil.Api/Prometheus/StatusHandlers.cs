using System.Runtime.InteropServices;
using Vigil.Api.Metrics;

namespace Vigil.Api.Prometheus;

/// <summary>
/// <c>/status/buildinfo</c>, <c>/status/flags</c>, <c>/status/runtimeinfo</c>, plus <c>/metadata</c>
/// and <c>/query_exemplars</c>, which have nothing to report until scraping and exemplar storage exist.
/// </summary>
public static class StatusHandlers
{
    /// <summary>Version facts; Grafana reads <c>version</c> to pick its query features.</summary>
    public static ApiResult BuildInfo(BuildInfo build) => new(w =>
    {
        w.WriteStartObject();
        w.WriteString("version", build.Version);
        w.WriteString("revision", build.Revision);
        w.WriteString("branch", build.Branch);
        w.WriteString("buildUser", build.BuildUser);
        w.WriteString("buildDate", build.BuildDate);
        w.WriteString("goVersion", build.RuntimeVersion);
        w.WriteEndObject();
    });

    /// <summary>The loaded configuration as YAML (secrets already masked by the caller): <c>{"yaml": ...}</c>.</summary>
    public static ApiResult Config(string maskedYaml) => new(w =>
    {
        w.WriteStartObject();
        w.WriteString("yaml", maskedYaml);
        w.WriteEndObject();
    });

    /// <summary>Every flag and its value, keys sorted as upstream's map encoding sorts them.</summary>
    public static ApiResult Flags(IPrometheusBackend backend) => new(w =>
    {
        w.WriteStartObject();
        foreach (var (name, value) in backend.Flags.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            w.WriteString(name, value);
        }
        w.WriteEndObject();
    });

    /// <summary>Process facts in upstream's field names.</summary>
    public static ApiResult RuntimeInfo(IPrometheusBackend backend) => new(w =>
    {
        var facts = backend.Runtime;
        w.WriteStartObject();
        w.WriteString("startTime", backend.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("CWD", Environment.CurrentDirectory);
        w.WriteString("hostname", Environment.MachineName);
        w.WriteString("serverTime", backend.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteBoolean("reloadConfigSuccess", facts.ReloadConfigSuccess);
        w.WriteString("lastConfigTime", facts.LastConfigTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteNumber("corruptionCount", facts.CorruptionCount);
        w.WriteNumber("goroutineCount", System.Threading.ThreadPool.ThreadCount);
        w.WriteNumber("GOMAXPROCS", Environment.ProcessorCount);
        w.WriteNumber("GOMEMLIMIT", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        w.WriteString("GOGC", "");
        w.WriteString("GODEBUG", "");
        w.WriteString("storageRetention", facts.StorageRetention);
        w.WriteString("platform", RuntimeInformation.RuntimeIdentifier);
        w.WriteEndObject();
    });

    /// <summary>Metric metadata: none until scraping collects it (an empty object, as upstream answers with no targets).</summary>
    public static ApiResult Metadata(ApiRequest request)
    {
        ApiParams.Limit(request);
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Exemplars: Vigil stores none, so once the parameters check out the answer is what upstream gives
    /// with exemplar storage disabled: an empty list, or <c>204 No Content</c> for a query without
    /// series selectors (e.g. <c>1</c>), which upstream answers before asking storage.
    /// </summary>
    public static ApiResult Exemplars(ApiRequest request, Vigil.PromQL.Parser.ParserOptions? parser = null)
    {
        var start = ApiParams.TimeParam(request, "start", ApiParams.MinTime);
        var end = ApiParams.TimeParam(request, "end", ApiParams.MaxTime);
        if (end < start)
        {
            throw new ApiError(ApiErrorType.BadData, "end timestamp must not be before start timestamp");
        }
        Vigil.PromQL.Parser.Expr expr;
        try
        {
            expr = Vigil.PromQL.Parser.PromQLParser.Parse(request.Value("query"), parser);
        }
        catch (Vigil.PromQL.Parser.ParseException e)
        {
            throw new ApiError(ApiErrorType.BadData, e.Message);
        }
        if (!Vigil.PromQL.Parser.AstWalker.DescendantsAndSelf(expr).Any(e => e is Vigil.PromQL.Parser.VectorSelector))
        {
            return ApiResult.NoContent;
        }
        return new ApiResult(w =>
        {
            w.WriteStartArray();
            w.WriteEndArray();
        });
    }
}
