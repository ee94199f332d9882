using System.Text.Json;
using Vigil.PromQL.Engine;

namespace Vigil.Api.Prometheus;

/// <summary>Writes an engine result as upstream's <c>{"resultType": ..., "result": ...}</c>.</summary>
public static class QueryResultJson
{
    /// <summary>Writes the <c>data</c> object of a query answer.</summary>
    public static void Write(Utf8JsonWriter w, QueryValue value)
    {
        w.WriteStartObject();
        switch (value)
        {
            case VectorValue v:
                w.WriteString("resultType", "vector");
                w.WritePropertyName("result");
                WriteVector(w, v);
                break;
            case MatrixValue m:
                w.WriteString("resultType", "matrix");
                w.WritePropertyName("result");
                WriteMatrix(w, m);
                break;
            case ScalarValue s:
                w.WriteString("resultType", "scalar");
                w.WritePropertyName("result");
                ApiJson.WritePoint(w, s.Timestamp, s.Value);
                break;
            case StringValue s:
                w.WriteString("resultType", "string");
                w.WritePropertyName("result");
                ApiJson.WritePoint(w, s.Timestamp, s.Value);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteVector(Utf8JsonWriter w, VectorValue v)
    {
        w.WriteStartArray();
        foreach (var sample in v.Samples)
        {
            w.WriteStartObject();
            w.WritePropertyName("metric");
            ApiJson.WriteLabels(w, sample.Metric);
            if (sample.Histogram is { } histogram)
            {
                w.WritePropertyName("histogram");
                HistogramJson.WritePoint(w, sample.Timestamp, histogram);
            }
            else
            {
                w.WritePropertyName("value");
                ApiJson.WritePoint(w, sample.Timestamp, sample.Value);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteMatrix(Utf8JsonWriter w, MatrixValue m)
    {
        w.WriteStartArray();
        foreach (var series in m.Series)
        {
            w.WriteStartObject();
            w.WritePropertyName("metric");
            ApiJson.WriteLabels(w, series.Metric);
            // As upstream: a series of histograms only has no "values", one of floats only no "histograms".
            if (series.Points.Count > 0 || series.Histograms is not { Count: > 0 })
            {
                w.WritePropertyName("values");
                w.WriteStartArray();
                foreach (var point in series.Points)
                {
                    ApiJson.WritePoint(w, point.Timestamp, point.Value);
                }
                w.WriteEndArray();
            }
            if (series.Histograms is { Count: > 0 } histograms)
            {
                w.WritePropertyName("histograms");
                w.WriteStartArray();
                foreach (var (timestamp, histogram) in histograms)
                {
                    HistogramJson.WritePoint(w, timestamp, histogram);
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
