using System.Text.Json;
using Vigil.Model.Labels;
using Vigil.PromQL.Parser;
using Vigil.Storage.Exemplars;

namespace Vigil.Api.Prometheus;

/// <summary><c>/api/v1/query_exemplars</c>: the exemplars of the series a PromQL expression selects.</summary>
public static class ExemplarHandlers
{
    /// <summary>
    /// Parses <c>query</c>, takes the matchers of every vector selector in it (inside functions, ranges and
    /// subqueries too; offsets and <c>@</c> are ignored, as upstream ignores them) and answers each series'
    /// exemplars in [start, end]. A query without selectors (<c>1</c>) is answered before storage is asked, with
    /// <c>204 No Content</c> as upstream; without exemplar storage the list is empty, as upstream's disabled store answers.
    /// </summary>
    public static ApiResult Exemplars(IExemplarQuerier? querier, ApiRequest request, ParserOptions? parser = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = ApiParams.TimeParam(request, "start", ApiParams.MinTime);
        var end = ApiParams.TimeParam(request, "end", ApiParams.MaxTime);
        if (end < start)
        {
            throw new ApiError(ApiErrorType.BadData, "end timestamp must not be before start timestamp");
        }
        Expr expr;
        try
        {
            expr = PromQLParser.Parse(request.Value("query"), parser);
        }
        catch (ParseException e)
        {
            throw new ApiError(ApiErrorType.BadData, e.Message);
        }
        var selectors = AstWalker.DescendantsAndSelf(expr).OfType<VectorSelector>().Select(s => s.Matchers).ToList();
        if (selectors.Count == 0)
        {
            return ApiResult.NoContent;
        }
        var found = querier?.SelectExemplars(start, end, selectors) ?? [];
        return new ApiResult(w => Write(w, found));
    }

    /// <summary>Writes upstream's shape: <c>[{"seriesLabels": {...}, "exemplars": [{"labels": {...}, "value": "1", "timestamp": 1.5}]}]</c>.</summary>
    public static void Write(Utf8JsonWriter w, IReadOnlyList<ExemplarSeries> found)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(found);
        w.WriteStartArray();
        foreach (var series in found)
        {
            w.WriteStartObject();
            w.WritePropertyName("seriesLabels");
            ApiJson.WriteLabels(w, series.SeriesLabels);
            w.WriteStartArray("exemplars");
            foreach (var exemplar in series.Exemplars)
            {
                WriteExemplar(w, exemplar);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteExemplar(Utf8JsonWriter w, Exemplar exemplar)
    {
        w.WriteStartObject();
        w.WritePropertyName("labels");
        ApiJson.WriteLabels(w, exemplar.Labels ?? LabelSet.Empty);
        w.WriteString("value", ApiJson.FormatValue(exemplar.Value));
        w.WritePropertyName("timestamp");
        w.WriteRawValue(ApiJson.FormatTimestamp(exemplar.Timestamp), skipInputValidation: true);
        w.WriteEndObject();
    }
}
