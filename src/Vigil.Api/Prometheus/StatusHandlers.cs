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
}
