using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost;
using Vigil.Storage;
using Vigil.Tsdb;
using Vigil.Tsdb.Head;

namespace Vigil.Api.Tests.Prometheus;

public sealed class TsdbStatusTests
{
    private static TsdbHead Head()
    {
        var head = new TsdbHead();
        var app = head.Appender();
        foreach (var (labels, t) in new[]
        {
            ("__name__,up,job,node,instance,a:9100", 1000L),
            ("__name__,up,job,api,instance,b:80", 2000L),
            ("__name__,up,job,api,instance,c:80", 3000L),
            ("__name__,http_requests_total,job,api,instance,b:80", 4000L),
        })
        {
            app.Append(LabelSet.Of(labels.Split(',')), t, 1);
        }
        app.Commit();
        return head;
    }

    private static JsonElement Render(ApiResult result) => JsonDocument.Parse(ApiTestKit.Data(result)).RootElement.Clone();

    private static string Ranked(JsonElement data, string name) =>
        string.Join(" ", data.GetProperty(name).EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()}:{s.GetProperty("value").GetInt64()}"));

    [Fact]
    public void Statistics_FourSeries_HeadTotalsAndRankings()
    {
        var data = Render(TsdbStatusHandlers.Tsdb(ApiTestKit.Request(""), l => Head().Statistics("__name__", l)));
        var head = data.GetProperty("headStats");
        Assert.Equal((4, 7, 4, 1000, 4000), (head.GetProperty("numSeries").GetInt64(), head.GetProperty("numLabelPairs").GetInt32(),
            head.GetProperty("chunkCount").GetInt64(), head.GetProperty("minTime").GetInt64(), head.GetProperty("maxTime").GetInt64()));
        Assert.Equal("up:3 http_requests_total:1", Ranked(data, "seriesCountByMetricName"));
        Assert.Equal("instance:3 __name__:2 job:2", Ranked(data, "labelValueCountByLabelName"));
        // __name__: 4 x (8+1) for the name, 3 x (2+1) for "up", 1 x (19+1) for http_requests_total.
        Assert.Equal("__name__:65", Ranked(data, "memoryInBytesByLabelName").Split(' ')[0]);
        Assert.Equal("__name__=up:3 job=api:3 instance=b:80:2", string.Join(" ", Ranked(data, "seriesCountByLabelValuePair").Split(' ').Take(3)));
    }

    [Fact]
    public void Statistics_Limit_KeepsTheLargest()
    {
        var data = Render(TsdbStatusHandlers.Tsdb(ApiTestKit.Request("limit=1"), l => Head().Statistics("__name__", l)));
        Assert.Equal("up:3", Ranked(data, "seriesCountByMetricName"));
        Assert.Equal("instance:3", Ranked(data, "labelValueCountByLabelName"));
        Assert.Equal(1, data.GetProperty("seriesCountByLabelValuePair").GetArrayLength());
    }

    [Fact]
    public void Statistics_EmptyHead_UpstreamsEmptyTimes()
    {
        var data = Render(TsdbStatusHandlers.Tsdb(ApiTestKit.Request(""), l => new TsdbHead().Statistics("__name__", l)));
        var head = data.GetProperty("headStats");
        Assert.Equal((long.MaxValue, long.MinValue), (head.GetProperty("minTime").GetInt64(), head.GetProperty("maxTime").GetInt64()));
        Assert.Equal(0, data.GetProperty("seriesCountByMetricName").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit must be a positive number")]
    [InlineData("limit=x", "limit must be a positive number")]
    [InlineData("limit=10001", "limit must not exceed 10000")]
    public void Tsdb_BadLimit_BadData(string query, string message)
    {
        var error = Assert.Throws<ApiError>(() => TsdbStatusHandlers.Tsdb(ApiTestKit.Request(query), l => new TsdbHead().Statistics("__name__", l)));
        Assert.Equal((ApiErrorType.BadData, message), (error.Type, error.Message));
    }

    [Fact]
    public void WalReplay_ReopenedDatabase_ReportsReplayedSegments()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-walreplay-").FullName;
        try
        {
            var options = new TsdbOptions { Path = dir };
            using (var first = PrometheusStorage.Open(options, new FakeTimeProvider(), NullLoggerFactory.Instance))
            {
                Assert.Equal("{\"min\":0,\"max\":0,\"current\":0}", ApiTestKit.Data(TsdbStatusHandlers.WalReplay(first.WalReplay)));
                var app = first.Appender();
                app.Append(LabelSet.Of("__name__", "x"), 1, 1);
                app.Commit();
            }
            using var second = PrometheusStorage.Open(options, new FakeTimeProvider(), NullLoggerFactory.Instance);
            Assert.Equal(new WalReplayStatus(0, 1, 1), second.WalReplay);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
