using Vigil.Api.Prometheus;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class SeriesHandlersTests
{
    [Theory]
    [InlineData("match[]=up", """[{"__name__":"up","instance":"a:9100","job":"node"},{"__name__":"up","instance":"b:80","job":"api"}]""")]
    [InlineData("match[]=up%7Bjob%3D%22api%22%7D&match[]=http_requests_total", """[{"__name__":"http_requests_total","code":"200","job":"api"},{"__name__":"up","instance":"b:80","job":"api"}]""")]
    [InlineData("match[]=%7Bjob%3D%22api%22%7D&match[]=%7Bjob%3D%22api%22%7D", """[{"__name__":"http_requests_total","code":"200","job":"api"},{"__name__":"up","instance":"b:80","job":"api"}]""")]
    [InlineData("match[]=up&start=100&end=200", "[]")]
    [InlineData("match[]=nothing", "[]")]
    public void Series_Matchers_DistinctSortedLabelSets(string query, string expected) =>
        Assert.Equal(expected, Data(SeriesHandlers.Series(TestBackend.WithData(), Request(query))));

    [Theory]
    [InlineData("", "no match[] parameter provided")]
    [InlineData("match[]=%7Bjob%3D~%22.*%22%7D", "invalid parameter \"match[]\": match[] must contain at least one non-empty matcher")]
    [InlineData("match[]=up&start=x", "invalid parameter \"start\": invalid time value for 'start': cannot parse \"x\" to a valid timestamp")]
    public void Series_BadRequest_BadData(string query, string message)
    {
        var e = Error(() => SeriesHandlers.Series(TestBackend.WithData(), Request(query)));
        Assert.Equal((ApiErrorType.BadData, message), (e.Type, e.Message));
    }

    [Fact]
    public void Series_Limit_TruncatedWithWarning()
    {
        var result = SeriesHandlers.Series(TestBackend.WithData(), Request("match[]=up&limit=1"));
        Assert.Equal("""[{"__name__":"up","instance":"a:9100","job":"node"}]""", Data(result));
        Assert.Equal(["results truncated due to limit"], result.Warnings);
    }

    [Theory]
    [InlineData("", """["__name__","code","instance","job"]""")]
    [InlineData("match[]=http_requests_total", """["__name__","code","job"]""")]
    [InlineData("match[]=http_requests_total&match[]=up", """["__name__","code","instance","job"]""")]
    [InlineData("start=100&end=200", "[]")]
    public void LabelNames_Matchers_SortedNames(string query, string expected) =>
        Assert.Equal(expected, Data(SeriesHandlers.LabelNames(TestBackend.WithData(), Request(query))));

    [Theory]
    [InlineData("__name__", "", """["http_requests_total","up"]""")]
    [InlineData("job", "match[]=up", """["api","node"]""")]
    [InlineData("job", "match[]=http_requests_total", """["api"]""")]
    [InlineData("nope", "", "[]")]
    public void LabelValues_Name_SortedValues(string name, string query, string expected) =>
        Assert.Equal(expected, Data(SeriesHandlers.LabelValues(TestBackend.WithData(), Request(query, name))));

    [Fact]
    public void LabelValues_InvalidName_BadData()
    {
        var e = Error(() => SeriesHandlers.LabelValues(TestBackend.WithData(), Request("", "")));
        Assert.Equal((ApiErrorType.BadData, "invalid label name: \"\""), (e.Type, e.Message));
    }

    [Fact]
    public void LabelValues_Limit_TruncatedWithWarning()
    {
        var result = SeriesHandlers.LabelValues(TestBackend.WithData(), Request("limit=1", "job"));
        Assert.Equal(("""["api"]""", "results truncated due to limit"), (Data(result), result.Warnings.Single()));
    }
}
