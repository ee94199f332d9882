using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus.RemoteRead;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.PrometheusHost.RemoteRead;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus.RemoteRead;

public sealed class RemoteReadViewTests
{
    private const long Now = 1_700_000_000_000;
    private static readonly long LocalStart = Now + (long)RemoteReadManager.StartTimeMargin.TotalMilliseconds;
    private static readonly Matcher Up = new(MatcherType.Equal, "__name__", "up");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(Now));

    private static MemoryStorage Store(params (string Labels, long Ms, double Value)[] samples)
    {
        var storage = new MemoryStorage();
        var app = storage.Appender();
        foreach (var (labels, ms, value) in samples)
        {
            app.Append(LabelSet.Of(labels.Split(',')), ms, value);
        }
        app.Commit();
        return storage;
    }

    private (RemoteReadManager Manager, InProcessEndpoint Endpoint) Manager(ISeriesQuerier remote, RemoteReadConfig? config = null, LabelSet? external = null, LabelSet? remoteExternal = null)
    {
        var endpoint = new InProcessEndpoint(remote, remoteExternal ?? LabelSet.Empty);
        var manager = new RemoteReadManager(_ => new HttpClient(endpoint), () => null, _clock, NullLogger.Instance);
        manager.Apply([config ?? new RemoteReadConfig { Url = "http://remote/api/v1/read" }], external ?? LabelSet.Empty);
        return (manager, endpoint);
    }

    [Fact]
    public void Select_SameSeriesLocalAndRemote_MergedWithLocalWinningSharedTimestamp()
    {
        var local = Store(("__name__,up,job,a", 2000, 1), ("__name__,up,job,a", 3000, 1));
        var (manager, _) = Manager(Store(("__name__,up,job,a", 1000, 9), ("__name__,up,job,a", 2000, 9), ("__name__,up,job,b", 1000, 7)));
        var warnings = new List<string>();

        var series = manager.View(local, warnings).Select(0, 5000, [Up]).ToList();

        Assert.Empty(warnings);
        Assert.Equal(["a", "b"], series.Select(s => s.Labels.Get("job")));
        Assert.Equal([new Sample(1000, 9), new Sample(2000, 1), new Sample(3000, 1)], series[0].Samples(0, 5000));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void Select_RangeAfterLocalStartTime_AskedOnlyWithReadRecent(bool readRecent, int expectedRequests)
    {
        var (manager, endpoint) = Manager(Store(("__name__,up", Now, 1)), new RemoteReadConfig { Url = "http://remote/api/v1/read", ReadRecent = readRecent });
        var view = manager.View(Store(), []);

        _ = view.Select(LocalStart + 1, LocalStart + 1000, [Up]).ToList();
        _ = view.Select(0, LocalStart + 1000, [Up]).ToList();

        Assert.Equal(expectedRequests, endpoint.Queries.Count);
        Assert.Equal(readRecent ? LocalStart + 1000 : LocalStart, endpoint.Queries[^1].EndMs);
    }

    [Theory]
    [InlineData("prod", 1)]
    [InlineData("dev", 0)]
    public void Select_RequiredMatchers_AskedOnlyWhenSelectionHoldsThem(string env, int expectedRequests)
    {
        var config = new RemoteReadConfig { Url = "http://remote/api/v1/read", RequiredMatchers = new Dictionary<string, string> { ["env"] = "prod" } };
        var (manager, endpoint) = Manager(Store(("__name__,up,env,prod", 1000, 1)), config);

        _ = manager.View(Store(), []).Select(0, 5000, [Up, new Matcher(MatcherType.Equal, "env", env)]).ToList();

        Assert.Equal(expectedRequests, endpoint.Queries.Count);
    }

    [Theory]
    [InlineData(true, "{__name__=\"up\", job=\"x\"}", 1)]
    [InlineData(false, "{__name__=\"up\", job=\"x\", site=\"eu\"}", 0)]
    public void Select_FilterExternalLabels_AddsMatcherAndStripsLabelFromAnswer(bool filter, string expectedSeries, int expectedExtraMatchers)
    {
        var config = new RemoteReadConfig { Url = "http://remote/api/v1/read", FilterExternalLabels = filter };
        // The remote stores the series with the site label (as it received it by remote write).
        var (manager, endpoint) = Manager(Store(("__name__,up,job,x,site,eu", 1000, 1)), config, external: LabelSet.Of("site", "eu"));

        var series = manager.View(Store(), []).Select(0, 5000, [Up]).ToList();

        Assert.Equal(expectedSeries, Assert.Single(series).Labels.ToString());
        Assert.Equal(1 + expectedExtraMatchers, endpoint.Queries[0].Matchers.Count);
    }

    [Fact]
    public void Select_RemoteAnswers500_LocalDataAndWarningWithoutPassword()
    {
        var (manager, endpoint) = Manager(Store(), new RemoteReadConfig { Url = "http://user:hunter2@remote/api/v1/read" });
        endpoint.FailWith = HttpStatusCode.InternalServerError;
        var warnings = new List<string>();

        var series = manager.View(Store(("__name__,up", 1000, 1)), warnings).Select(0, 5000, [Up]).ToList();

        Assert.Single(series);
        var warning = Assert.Single(warnings);
        Assert.Equal("remote_read: remote server http://user:xxxxx@remote/api/v1/read returned http status 500 Internal Server Error: boom", warning);
    }

    [Fact]
    public void Select_RemoteUnreachable_WarningNamesTheEndpoint()
    {
        var (manager, endpoint) = Manager(Store());
        endpoint.Throw = true;
        var warnings = new List<string>();

        _ = manager.View(Store(), warnings).Select(0, 5000, [Up]).ToList();

        Assert.StartsWith("remote_read: error sending request: Post \"http://remote/api/v1/read\": ", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Select_StreamedChunksFromServer_DecodedIntoSamples()
    {
        var samples = Enumerable.Range(0, 500).Select(i => ("__name__,up", i * 1000L, (double)i)).ToArray();
        var (manager, endpoint) = Manager(Store(samples));

        var series = Assert.Single(manager.View(Store(), []).Select(0, 1_000_000, [Up]));

        Assert.Equal(500, series.Samples(0, 1_000_000).Count());
        Assert.Equal("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse", endpoint.LastContentType);
    }

    [Theory]
    [InlineData(true, "application/x-protobuf")]
    [InlineData(false, "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse")]
    public void Select_RemoteHistograms_ReadIntoTheViewFromEitherResponseType(bool samplesOnly, string expectedType)
    {
        var remote = new MemoryStorage();
        var app = remote.Appender();
        var h = new Vigil.Model.Histograms.FloatHistogram(1, 0.01, 1, 5.5, 9, new Vigil.Model.Histograms.BucketRun(-1, [2, 0, 0, 0, 2.5]), Vigil.Model.Histograms.BucketRun.Empty);
        app.AppendHistogram(LabelSet.Of("__name__", "up", "job", "h"), 2000, h);
        app.Append(LabelSet.Of("__name__", "up", "job", "h"), 3000, 4);
        app.Commit();
        var (manager, endpoint) = Manager(remote);
        endpoint.SamplesOnly = samplesOnly;

        var view = manager.View(Store(), []);
        var series = Assert.Single(view.Select(0, 5000, [Up]));

        Assert.True(view.MayHoldHistograms);
        Assert.Equal(expectedType, endpoint.LastContentType);
        Assert.Equal([new Vigil.Storage.HistogramSample(2000, h)], series.HistogramSamples(0, 5000));
        Assert.Equal([new Sample(3000, 4)], series.Samples(0, 5000));
    }

    [Fact]
    public void Select_FailingRemote_AskedOncePerQueryWithOneWarning()
    {
        var (manager, endpoint) = Manager(Store());
        endpoint.FailWith = HttpStatusCode.InternalServerError;
        var warnings = new List<string>();
        var view = manager.View(Store(), warnings);

        _ = view.Select(0, 5000, [Up]).ToList();
        _ = view.Select(0, 5000, [new Matcher(MatcherType.Equal, "__name__", "other")]).ToList();
        _ = manager.View(Store(), warnings).Select(0, 5000, [Up]).ToList();

        Assert.Equal(2, endpoint.Queries.Count);
        Assert.Single(warnings);
    }

    [Fact]
    public void Select_QueryCancelled_RemoteReadEndsWithTheQuery()
    {
        var (manager, endpoint) = Manager(Store());
        endpoint.Hang = true;
        using var query = new CancellationTokenSource();
        var view = manager.View(Store(), [], query.Token);

        var select = Task.Run(() => view.Select(0, 5000, [Up]).ToList());
        SpinWait.SpinUntil(() => endpoint.Queries.Count > 0 || select.IsCompleted);
        query.Cancel();

        var error = Assert.ThrowsAny<AggregateException>(() => select.Wait());
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public void Select_Answered_ClientMetricsCountResponseTypeAndCode()
    {
        var (manager, endpoint) = Manager(Store(("__name__,up", 1000, 1)));
        using var counters = new RemoteWriteSend.MeterCounters(manager.Metrics.Meter);

        _ = manager.View(Store(), []).Select(0, 5000, [Up]).ToList();
        endpoint.SamplesOnly = true;
        _ = manager.View(Store(), []).Select(0, 5000, [Up]).ToList();

        Assert.Equal(2, counters.Total("prometheus_remote_read_client_queries_total"));
        Assert.Equal(0, counters.Total("prometheus_remote_read_client_queries"));
    }

    [Fact]
    public void LabelNames_WithRemote_LocalNamesAndNotImplementedWarning()
    {
        var (manager, _) = Manager(Store(("__name__,up,remote_only,x", 1000, 1)));
        var warnings = new List<string>();

        var names = manager.View(Store(("__name__,up,job,a", 1000, 1)), warnings).LabelNames(0, 5000, []);

        Assert.Equal(["__name__", "job"], names);
        Assert.Equal(["not implemented"], warnings);
    }

    [Fact]
    public void View_NoEndpoints_IsTheLocalStorage()
    {
        var manager = new RemoteReadManager(_ => new HttpClient(), () => null, _clock, NullLogger.Instance);
        var local = Store();

        Assert.Same(local, manager.View(local, []));
    }

    /// <summary>An HTTP endpoint answering with Vigil's own remote read handler over <paramref name="storage"/>.</summary>
    private sealed class InProcessEndpoint(ISeriesQuerier storage, LabelSet external) : HttpMessageHandler
    {
        private readonly RemoteReadHandler _handler = new(storage, () => external, new RemoteReadLimits(), NullLogger.Instance);

        public List<ReadQuery> Queries { get; } = [];

        public HttpStatusCode? FailWith { get; set; }

        public bool Throw { get; set; }

        public string LastContentType { get; private set; } = "";

        /// <summary>Answers as a server that offers only SAMPLES responses would.</summary>
        public bool SamplesOnly { get; set; }

        /// <summary>Holds every answer until the request is cancelled.</summary>
        public bool Hang { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Throw)
            {
                throw new HttpRequestException("Connection refused (remote:80)");
            }
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var decoded = ReadRequestCodec.Decode(body);
            lock (Queries)
            {
                Queries.AddRange(decoded.Queries);
            }
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            if (SamplesOnly)
            {
                body = ReadRequestCodec.Encode(decoded with { AcceptedResponseTypes = [] });
            }
            if (FailWith is { } status)
            {
                return new HttpResponseMessage(status) { Content = new StringContent("boom\n") };
            }
            var ctx = new DefaultHttpContext();
            ctx.Request.Body = new MemoryStream(body);
            var output = new MemoryStream();
            ctx.Response.Body = output;
            await _handler.HandleAsync(ctx);
            LastContentType = ctx.Response.ContentType ?? "";
            var content = new ByteArrayContent(output.ToArray());
            content.Headers.TryAddWithoutValidation("Content-Type", LastContentType);
            return new HttpResponseMessage((HttpStatusCode)ctx.Response.StatusCode) { Content = content };
        }
    }
}
