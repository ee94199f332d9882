using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus;

/// <summary><c>/api/v1/series</c>, <c>/labels</c> and <c>/label/{name}/values</c>: index lookups that read no samples' values.</summary>
public static class SeriesHandlers
{
    private const string Truncated = "results truncated due to limit";

    /// <summary>The series matching any <c>match[]</c> selector in [start, end].</summary>
    public static ApiResult Series(IPrometheusBackend backend, ApiRequest request)
    {
        var selectors = request.Values("match[]");
        if (selectors.Count == 0)
        {
            throw new ApiError(ApiErrorType.BadData, "no match[] parameter provided");
        }
        var limit = ApiParams.Limit(request);
        var (start, end) = Range(request);
        IReadOnlyList<IReadOnlyList<Matcher>> sets;
        try
        {
            sets = ApiParams.MatcherSets(selectors);
        }
        catch (ApiError e)
        {
            throw ApiError.InvalidParam("match[]", e.Message);
        }
        var warnings = new List<string>();
        var storage = backend.QueryStorage(warnings);
        var found = new SortedSet<LabelSet>(LabelSetComparer.Instance);
        foreach (var set in sets)
        {
            found.UnionWith(storage.Select(start, end, set).Select(s => s.Labels));
        }
        var series = found.ToList();
        if (limit > 0 && series.Count > limit)
        {
            series = series[..limit];
            warnings.Add(Truncated);
        }
        return new ApiResult(w =>
        {
            w.WriteStartArray();
            foreach (var labels in series)
            {
                ApiJson.WriteLabels(w, labels);
            }
            w.WriteEndArray();
        }) { Warnings = warnings };
    }

    /// <summary>The label names of the matching series (all series without <c>match[]</c>).</summary>
    public static ApiResult LabelNames(IPrometheusBackend backend, ApiRequest request)
    {
        var limit = ApiParams.Limit(request);
        var (start, end) = Range(request);
        var sets = ApiParams.MatcherSets(request.Values("match[]"));
        var warnings = new List<string>();
        var storage = backend.QueryStorage(warnings);
        var names = Union(sets, m => storage.LabelNames(start, end, m));
        return Strings(names, limit, warnings);
    }

    /// <summary>The values of one label over the matching series.</summary>
    public static ApiResult LabelValues(IPrometheusBackend backend, ApiRequest request)
    {
        var name = request.Route.TryGetValue("name", out var n) ? n : "";
        if (!LabelName.IsValid(name))
        {
            throw new ApiError(ApiErrorType.BadData, $"invalid label name: {Vigil.Model.GoString.Quote(name)}");
        }
        var limit = ApiParams.Limit(request);
        var (start, end) = Range(request);
        var sets = ApiParams.MatcherSets(request.Values("match[]"));
        var warnings = new List<string>();
        var storage = backend.QueryStorage(warnings);
        var values = Union(sets, m => storage.LabelValues(name, start, end, m));
        return Strings(values, limit, warnings);
    }

    private static (long Start, long End) Range(ApiRequest request) =>
        (ApiParams.TimeParam(request, "start", ApiParams.MinTime), ApiParams.TimeParam(request, "end", ApiParams.MaxTime));

    private static List<string> Union(IReadOnlyList<IReadOnlyList<Matcher>> sets, Func<IReadOnlyList<Matcher>, IReadOnlyList<string>> lookup)
    {
        if (sets.Count == 0)
        {
            return [.. lookup([])];
        }
        var all = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            all.UnionWith(lookup(set));
        }
        return [.. all];
    }

    private static ApiResult Strings(List<string> values, int limit, List<string> warnings)
    {
        if (limit > 0 && values.Count > limit)
        {
            values = values[..limit];
            warnings.Add(Truncated);
        }
        return new ApiResult(w => ApiJson.WriteStrings(w, values)) { Warnings = warnings };
    }
}
