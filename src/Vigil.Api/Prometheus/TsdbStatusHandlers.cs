using System.Globalization;
using System.Text.Json;
using Vigil.Storage;

namespace Vigil.Api.Prometheus;

/// <summary><c>/status/tsdb</c> (head cardinality) and <c>/status/walreplay</c> in upstream's shapes.</summary>
public static class TsdbStatusHandlers
{
    /// <summary>The largest <c>limit</c> today's upstream accepts.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Head totals and the top <c>limit</c> (default 10) entries of each ranking.</summary>
    public static ApiResult Tsdb(ApiRequest request, Func<int, HeadStatistics> statistics)
    {
        var stats = statistics(Limit(request.Value("limit")));
        return new ApiResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("headStats");
            w.WriteNumber("numSeries", stats.NumSeries);
            w.WriteNumber("numLabelPairs", stats.NumLabelPairs);
            w.WriteNumber("chunkCount", stats.ChunkCount);
            w.WriteNumber("minTime", stats.MinTime);
            w.WriteNumber("maxTime", stats.MaxTime);
            w.WriteEndObject();
            WriteStats(w, "seriesCountByMetricName", stats.SeriesCountByMetricName);
            WriteStats(w, "labelValueCountByLabelName", stats.LabelValueCountByLabelName);
            WriteStats(w, "memoryInBytesByLabelName", stats.MemoryInBytesByLabelName);
            WriteStats(w, "seriesCountByLabelValuePair", stats.SeriesCountByLabelValuePair);
            w.WriteEndObject();
        });
    }

    /// <summary>The write-ahead-log replay of start-up (finished before the API serves).</summary>
    public static ApiResult WalReplay(WalReplayStatus status) => new(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("min", status.Min);
        w.WriteNumber("max", status.Max);
        w.WriteNumber("current", status.Current);
        w.WriteEndObject();
    });

    private static int Limit(string text)
    {
        if (text.Length == 0)
        {
            return 10;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            throw new ApiError(ApiErrorType.BadData, "limit must be a positive number");
        }
        return limit <= MaxLimit ? limit : throw new ApiError(ApiErrorType.BadData, $"limit must not exceed {MaxLimit}");
    }

    private static void WriteStats(Utf8JsonWriter w, string name, IReadOnlyList<CountStat> stats)
    {
        w.WriteStartArray(name);
        foreach (var stat in stats)
        {
            w.WriteStartObject();
            w.WriteString("name", stat.Name);
            w.WriteNumber("value", stat.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
