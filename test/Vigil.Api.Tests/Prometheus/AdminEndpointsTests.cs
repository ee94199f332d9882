using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost;
using Vigil.Storage;
using Vigil.Tsdb;
using static Vigil.Api.Tests.Prometheus.ApiTestKit;

namespace Vigil.Api.Tests.Prometheus;

public sealed class AdminEndpointsTests : IDisposable
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2017, 12, 10, 21, 12, 24, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-admin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_AdminApiDisabled_AnswersUpstreamsUnavailableError()
    {
        var errors = new[]
        {
            Error(() => AdminEndpoints.DeleteSeries(null, Request("match[]=up"))),
            Error(() => AdminEndpoints.CleanTombstones(null)),
            Error(() => AdminEndpoints.Snapshot(null, Request(""), Clock)),
        };

        Assert.All(errors, e => Assert.Equal(("unavailable", 500, "admin APIs disabled"), (e.TypeName, e.StatusCode, e.Message)));
    }

    [Theory]
    [InlineData("", "no match[] parameter provided")]
    [InlineData("start=1", "no match[] parameter provided")]
    [InlineData("match[]=up&start=abc", "invalid parameter \"start\": invalid time value for 'start': cannot parse \"abc\" to a valid timestamp")]
    [InlineData("match[]=up&end=x", "invalid parameter \"end\": invalid time value for 'end': cannot parse \"x\" to a valid timestamp")]
    [InlineData("match[]={a=\"\"}&match[]=up offset 5m", "invalid parameter \"match[]\": 1:1: parse error: \"up offset 5m\" is not a series selector (expected e.g. up{job=\"node\"})")]
    [InlineData("match[]=up[5m]", "invalid parameter \"match[]\": 1:1: parse error: \"up[5m]\" is not a series selector (expected e.g. up{job=\"node\"})")]
    [InlineData("match[]=rate(up[5m])", "invalid parameter \"match[]\": 1:1: parse error: \"rate(up[5m])\" is not a series selector (expected e.g. up{job=\"node\"})")]
    public void DeleteSeries_BadInput_IsBadDataAndDeletesNothing(string query, string message)
    {
        var admin = new RecordingAdmin();

        var error = Error(() => AdminEndpoints.DeleteSeries(admin, Request(query)));

        Assert.Equal(("bad_data", 400, message), (error.TypeName, error.StatusCode, error.Message));
        Assert.Empty(admin.Deletes);
    }

    [Fact]
    public void DeleteSeries_UnparsableSelector_NamesTheParameter()
    {
        var error = Error(() => AdminEndpoints.DeleteSeries(new RecordingAdmin(), Request("match[]=up{")));

        Assert.StartsWith("invalid parameter \"match[]\": 1:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("match[]=up", ApiParams.MinTime, ApiParams.MaxTime)]
    [InlineData("match[]=up&start=10&end=20.5", 10_000L, 20_500L)]
    [InlineData("match[]=up&start=2017-12-10T21:12:24Z", 1512940344000L, ApiParams.MaxTime)]
    public void DeleteSeries_EachSelector_DeletesItsRangeAndAnswersNoContent(string query, long start, long end)
    {
        var admin = new RecordingAdmin();

        var result = AdminEndpoints.DeleteSeries(admin, Request(query + "&match[]={job=\"node\"}"));

        Assert.True(result.IsNoContent);
        Assert.Equal([(start, end, "__name__=\"up\""), (start, end, "job=\"node\"")], admin.Deletes);
    }

    [Theory]
    [InlineData("{a=\"\"}", "a=\"\"")]
    [InlineData("{a=~\"x|\",b!=\"y\"}", "a=~\"x|\",b!=\"y\"")]
    [InlineData("{}", "")]
    public void DeleteSeries_SelectorMatchingTheEmptyString_IsPassedOnAsUpstreamDoes(string selector, string matchers)
    {
        var admin = new RecordingAdmin();

        var result = AdminEndpoints.DeleteSeries(admin, Request("match[]=" + Uri.EscapeDataString(selector)));

        Assert.True(result.IsNoContent);
        Assert.Equal([(ApiParams.MinTime, ApiParams.MaxTime, matchers)], admin.Deletes);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("skip_head=true", false)]
    [InlineData("skip_head=1", false)]
    [InlineData("skip_head=F", true)]
    [InlineData("skip_head=False", true)]
    public void Snapshot_SkipHead_DecidesWhetherTheHeadIsIncluded(string query, bool withHead)
    {
        var admin = new RecordingAdmin();

        var data = Data(AdminEndpoints.Snapshot(admin, Request(query), Clock));

        var (name, head) = Assert.Single(admin.Snapshots);
        Assert.Equal(withHead, head);
        Assert.Equal($"{{\"name\":\"{name}\"}}", data);
        Assert.Matches("^20171210T211224Z-[0-9a-f]{16}$", name);
    }

    [Fact]
    public void Snapshot_SkipHeadNotABoolean_AnswersGosParseError()
    {
        var error = Error(() => AdminEndpoints.Snapshot(new RecordingAdmin(), Request("skip_head=maybe"), Clock));

        Assert.Equal("invalid parameter \"skip_head\": unable to parse boolean: strconv.ParseBool: parsing \"maybe\": invalid syntax", error.Message);
    }

    [Fact]
    public void Snapshot_StorageFails_IsAnInternalErrorSayingWhat()
    {
        var error = Error(() => AdminEndpoints.Snapshot(new RecordingAdmin { Failure = new IOException("disk full") }, Request(""), Clock));

        Assert.Equal(("internal", 500, "create snapshot: disk full"), (error.TypeName, error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData(0L, "0000000000000000")]
    [InlineData(0x2be650b6d019eb54L, "2be650b6d019eb54")]
    [InlineData(-1L, "7fffffffffffffff")]
    public void SnapshotName_Table_IsUtcSecondsDashSixteenHexDigits(long random, string suffix) =>
        Assert.Equal("20171210T211224Z-" + suffix, AdminEndpoints.SnapshotName(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(2)), random));

    [Theory]
    [InlineData("POST", "delete_series?match[]=up", HttpStatusCode.NoContent)]
    [InlineData("PUT", "delete_series?match[]=up", HttpStatusCode.NoContent)]
    [InlineData("POST", "clean_tombstones", HttpStatusCode.NoContent)]
    [InlineData("PUT", "snapshot", HttpStatusCode.OK)]
    [InlineData("GET", "snapshot", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "delete_series", HttpStatusCode.BadRequest)]
    public async Task Http_Methods_AreThoseUpstreamAccepts(string method, string path, HttpStatusCode expected)
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData(), admin: new RecordingAdmin());

        using var response = await prom.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v1/admin/tsdb/" + path));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Http_Disabled_AnswersUpstreamsExactBody()
    {
        await using var prom = await TestPrometheus.StartAsync(TestBackend.WithData());

        using var response = await prom.Http.PostAsync("/api/v1/admin/tsdb/delete_series?match[]=up", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void PrometheusStorage_DeleteCleanAndSnapshot_WorkOnTheRealDatabase()
    {
        const long Hour = 3_600_000;
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddHours(5));
        var labels = LabelSet.Of(LabelName.MetricName, "x");
        using (var storage = PrometheusStorage.Open(new TsdbOptions { Path = _dir }, time, NullLoggerFactory.Instance))
        {
            var appender = storage.Appender();
            for (var t = 0L; t < 5 * Hour; t += 60_000)
            {
                appender.Append(labels, t, t);
            }
            appender.Commit();
            storage.CompactOnce();
            ITsdbAdmin admin = storage;

            admin.DeleteSeries(Hour, 4 * Hour, [new Matcher(MatcherType.Equal, LabelName.MetricName, "x")]);
            admin.CleanTombstones();
            admin.Snapshot("snap", withHead: true);

            Assert.Equal(4 * 60 - 181 + 60, Count(storage));
        }
        using var snapshot = PrometheusStorage.Open(new TsdbOptions { Path = Path.Combine(_dir, "snapshots", "snap") }, time, NullLoggerFactory.Instance);
        Assert.Equal(4 * 60 - 181 + 60, Count(snapshot));
    }

    private static int Count(IStorage storage) =>
        storage.Select(long.MinValue, long.MaxValue, [new Matcher(MatcherType.Equal, LabelName.MetricName, "x")]).Sum(s => s.Samples(long.MinValue, long.MaxValue).Count());

    /// <summary>Remembers what the endpoints asked for.</summary>
    private sealed class RecordingAdmin : ITsdbAdmin
    {
        public List<(long Start, long End, string Matchers)> Deletes { get; } = [];

        public List<(string Name, bool WithHead)> Snapshots { get; } = [];

        public Exception? Failure { get; init; }

        public void DeleteSeries(long mint, long maxt, IReadOnlyList<Matcher> matchers) =>
            Deletes.Add((mint, maxt, string.Join(",", matchers.Select(m => m.ToString()))));

        public void CleanTombstones()
        {
        }

        public void Snapshot(string name, bool withHead)
        {
            if (Failure is not null)
            {
                throw Failure;
            }
            Snapshots.Add((name, withHead));
        }
    }
}
