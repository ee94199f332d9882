using System.Text;
using System.Text.Json;
using Vigil.Api.Prometheus;
using Vigil.Model.Histograms;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;

namespace Vigil.Api.Tests.Prometheus;

public sealed class HistogramJsonTests
{
    private static readonly FloatHistogram Sample = new(
        0, 0.001, 2, 8, 3.5, new BucketRun(0, [1, 0, 2]), new BucketRun(1, [3]));

    [Fact]
    public void Write_AllBucketKinds_UpstreamShapeNegativeZeroPositive() =>
        Assert.Equal(
            """{"count":"8","sum":"3.5","buckets":[[1,"-2","-1","3"],[3,"-0.001","0.001","2"],[0,"0.5","1","1"],[0,"2","4","2"]]}""",
            Json(w => HistogramJson.Write(w, Sample)));

    [Fact]
    public void Write_NoBuckets_OmitsBuckets() =>
        Assert.Equal("""{"count":"0","sum":"0"}""", Json(w => HistogramJson.Write(w, FloatHistogram.Empty)));

    [Fact]
    public void Write_BucketReachingIntoZeroBucket_LowerClippedToThreshold()
    {
        var h = new FloatHistogram(0, 0.75, 0, 1, 1, new BucketRun(0, [1]), BucketRun.Empty);
        Assert.Equal("""{"count":"1","sum":"1","buckets":[[0,"0.75","1","1"]]}""", Json(w => HistogramJson.Write(w, h)));
    }

    [Fact]
    public void Write_CustomBuckets_BoundsFromCustomValuesAndInfinities()
    {
        var h = new FloatHistogram(
            FloatHistogram.CustomBucketsSchema, 0, 0, 6, 10, new BucketRun(0, [1, 2, 3]), BucketRun.Empty, customValues: [1, 5]);
        Assert.Equal(
            """{"count":"6","sum":"10","buckets":[[0,"-Inf","1","1"],[0,"1","5","2"],[0,"5","+Inf","3"]]}""",
            Json(w => HistogramJson.Write(w, h)));
    }

    [Fact]
    public void QueryResultJson_VectorWithHistogram_WritesHistogramKey()
    {
        var vector = new VectorValue([new VectorSample(LabelSet.From([new Label("__name__", "h")]), 1500, 0) { Histogram = FloatHistogram.Empty }]);
        Assert.Equal(
            """{"resultType":"vector","result":[{"metric":{"__name__":"h"},"histogram":[1.500,{"count":"0","sum":"0"}]}]}""",
            Json(w => QueryResultJson.Write(w, vector)));
    }

    [Fact]
    public void QueryResultJson_MatrixOfHistogramsOnly_WritesHistogramsWithoutValues()
    {
        var series = new SeriesValue(LabelSet.From([new Label("__name__", "h")]), []) { Histograms = [(1000, FloatHistogram.Empty)] };
        Assert.Equal(
            """{"resultType":"matrix","result":[{"metric":{"__name__":"h"},"histograms":[[1,{"count":"0","sum":"0"}]]}]}""",
            Json(w => QueryResultJson.Write(w, new MatrixValue([series]))));
    }

    [Fact]
    public void QueryResultJson_MatrixOfFloats_Unchanged()
    {
        var series = new SeriesValue(LabelSet.From([new Label("__name__", "f")]), [new Point(1000, 2)]);
        Assert.Equal(
            """{"resultType":"matrix","result":[{"metric":{"__name__":"f"},"values":[[1,"2"]]}]}""",
            Json(w => QueryResultJson.Write(w, new MatrixValue([series]))));
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            write(w);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
