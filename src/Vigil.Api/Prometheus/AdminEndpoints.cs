using System.Globalization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Vigil.Model;
using Vigil.PromQL.Parser;

namespace Vigil.Api.Prometheus;

/// <summary>
/// Upstream's TSDB admin API: <c>delete_series</c>, <c>clean_tombstones</c> and <c>snapshot</c> under
/// <c>/api/v1/admin/tsdb</c>, by POST or PUT, with upstream's parameters, answers and errors.
/// </summary>
public static class AdminEndpoints
{
    private static readonly string[] PostPut = ["POST", "PUT"];

    /// <summary>Maps the three endpoints; with a null <paramref name="admin"/> each answers "admin APIs disabled".</summary>
    public static void Map(IEndpointRouteBuilder api, ITsdbAdmin? admin, TimeProvider time, ILogger logger)
    {
        PrometheusEndpoints.MapMethods(api, "/admin/tsdb/delete_series", PostPut, logger, r => DeleteSeries(admin, r));
        PrometheusEndpoints.MapMethods(api, "/admin/tsdb/clean_tombstones", PostPut, logger, _ => CleanTombstones(admin));
        PrometheusEndpoints.MapMethods(api, "/admin/tsdb/snapshot", PostPut, logger, r => Snapshot(admin, r, time));
    }

    /// <summary>
    /// Deletes the data of every <c>match[]</c> selector in [start, end] (both optional); 204 when done. Every
    /// selector is parsed before anything is deleted, so a bad one deletes nothing (upstream deletes selector by
    /// selector and stops at the first bad one, having deleted for those before it).
    /// </summary>
    public static ApiResult DeleteSeries(ITsdbAdmin? admin, ApiRequest request)
    {
        var enabled = Enabled(admin);
        var selectors = request.Values("match[]");
        if (selectors.Count == 0)
        {
            throw new ApiError(ApiErrorType.BadData, "no match[] parameter provided");
        }
        var start = ApiParams.TimeParam(request, "start", ApiParams.MinTime);
        var end = ApiParams.TimeParam(request, "end", ApiParams.MaxTime);
        var sets = new List<IReadOnlyList<Model.Labels.Matcher>>(selectors.Count);
        foreach (var selector in selectors)
        {
            try
            {
                // As upstream, a selector whose matchers all match the empty string is accepted here (unlike /series):
                // {job=""} deletes the data of every series without a job label.
                sets.Add(PromQLParser.ParseMetricSelector(selector));
            }
            catch (ParseException e)
            {
                throw ApiError.InvalidParam("match[]", e.Message);
            }
        }
        foreach (var matchers in sets)
        {
            enabled.DeleteSeries(start, end, matchers);
        }
        return ApiResult.NoContent;
    }

    /// <summary>Rewrites blocks without their deleted data; 204 when done.</summary>
    public static ApiResult CleanTombstones(ITsdbAdmin? admin)
    {
        Enabled(admin).CleanTombstones();
        return ApiResult.NoContent;
    }

    /// <summary>Writes a snapshot (<c>skip_head</c> leaves the head's data out) and answers its name.</summary>
    public static ApiResult Snapshot(ITsdbAdmin? admin, ApiRequest request, TimeProvider time)
    {
        var enabled = Enabled(admin);
        var skipHead = false;
        var text = request.Value("skip_head");
        if (text.Length > 0 && !TryParseGoBool(text, out skipHead))
        {
            throw ApiError.InvalidParam("skip_head", $"unable to parse boolean: strconv.ParseBool: parsing {GoString.Quote(text)}: invalid syntax");
        }
        var name = SnapshotName(time.GetUtcNow(), Random.Shared.NextInt64());
        try
        {
            enabled.Snapshot(name, !skipHead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ApiError(ApiErrorType.Internal, $"create snapshot: {e.Message}");
        }
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteEndObject();
        });
    }

    /// <summary>Upstream's snapshot name: UTC time to the second, a dash, 16 hex digits of a random number.</summary>
    public static string SnapshotName(DateTimeOffset now, long random) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + (random & long.MaxValue).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Go's <c>strconv.ParseBool</c>: 1, t, T, TRUE, true, True and their false counterparts.</summary>
    public static bool TryParseGoBool(string text, out bool value)
    {
        (var known, value) = text switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => (true, true),
            "0" or "f" or "F" or "FALSE" or "false" or "False" => (true, false),
            _ => (false, false),
        };
        return known;
    }

    private static ITsdbAdmin Enabled(ITsdbAdmin? admin) =>
        admin ?? throw new ApiError(ApiErrorType.Unavailable, "admin APIs disabled");
}
