using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.PrometheusHost;
using Vigil.Rules.Evaluation;

namespace Vigil.Api.Tests.Prometheus;

public sealed class AlertNotifierTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static PostableAlert Alert(string name, params string[] labels) =>
        new(LabelSet.Of([.. labels, "alertname", name]), LabelSet.Of("summary", "s"), T0, T0.AddMinutes(4), "http://p/graph");

    [Theory]
    [InlineData("", "http://am:9093/api/v2/alerts")]
    [InlineData("/am", "http://am:9093/am/api/v2/alerts")]
    [InlineData("/am/", "http://am:9093/am/api/v2/alerts")]
    public void AlertmanagerUrl_PathPrefix_Honoured(string prefix, string expected) =>
        Assert.Equal(expected, AlertNotifier.AlertmanagerUrl(new AlertmanagerTargetConfig { PathPrefix = prefix }, "am:9093").ToString());

    [Fact]
    public void Prepare_ExternalLabels_AddedWithoutOverridingAlertLabels()
    {
        var alert = Alert("A", "cluster", "own");
        var prepared = AlertNotifier.Prepare(alert, LabelSet.Of("cluster", "ext", "region", "eu"), Relabeler.None);
        Assert.Equal(LabelSet.Of("alertname", "A", "cluster", "own", "region", "eu"), prepared!.Labels);
    }

    [Fact]
    public void Prepare_RelabelDrop_Null()
    {
        var drop = new Relabeler([new RelabelConfig { Action = RelabelAction.Drop, SourceLabels = ["alertname"], Regex = "A" }]);
        Assert.Null(AlertNotifier.Prepare(Alert("A"), LabelSet.Empty, drop));
        Assert.NotNull(AlertNotifier.Prepare(Alert("B"), LabelSet.Empty, drop));
    }

    [Fact]
    public void ToJson_Alert_ApiV2Shape()
    {
        using var doc = JsonDocument.Parse(AlertNotifier.ToJson([Alert("A")]));
        var alert = doc.RootElement[0];
        Assert.Equal("A", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("s", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("2023-11-14T22:13:20.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2023-11-14T22:17:20.000Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("http://p/graph", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public async Task Send_QueueFull_OldestDroppedAndCounted()
    {
        await using var notifier = new AlertNotifier(2, new HttpClient(new Recorder(HttpStatusCode.OK)), new FakeTimeProvider(T0), NullLogger.Instance);
        using var counts = new CounterReader(notifier.Meter);
        notifier.Send("x", [Alert("A"), Alert("B"), Alert("C")]);
        Assert.Equal(2, notifier.QueueLength);
        Assert.Equal(1, counts.Total("prometheus_notifications_dropped_total"));
    }

    [Fact]
    public async Task Start_ManyAlerts_BatchesToEveryAlertmanager()
    {
        var recorder = new Recorder(HttpStatusCode.OK);
        await using var notifier = new AlertNotifier(10_000, new HttpClient(recorder), new FakeTimeProvider(T0), NullLogger.Instance);
        await notifier.ApplyAsync(Alerting("am1:9093", "am2:9093"), LabelSet.Empty);
        notifier.Send("x", [.. Enumerable.Range(0, 300).Select(i => Alert("A", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        notifier.Start();
        await recorder.WaitForAlertsAsync(600);
        Assert.Equal(4, recorder.Requests.Count);
        Assert.Equal([44, 44, 256, 256], recorder.Requests.Select(r => r.Count).Order());
        Assert.Equal(2, recorder.Requests.Select(r => r.Host).Distinct().Count());
    }

    [Fact]
    public async Task Start_AlertmanagerFails_ErrorsCounted()
    {
        var recorder = new Recorder(HttpStatusCode.InternalServerError);
        await using var notifier = new AlertNotifier(10_000, new HttpClient(recorder), new FakeTimeProvider(T0), NullLogger.Instance);
        using var counts = new CounterReader(notifier.Meter);
        await notifier.ApplyAsync(Alerting("am1:9093"), LabelSet.Empty);
        notifier.Send("x", [Alert("A"), Alert("B")]);
        notifier.Start();
        await recorder.WaitForAlertsAsync(2);
        await counts.WaitForAsync("prometheus_notifications_errors_total", 2);
        Assert.Equal(2, counts.Total("prometheus_notifications_errors_total"));
    }

    private static AlertingConfig Alerting(params string[] targets) => new()
    {
        Alertmanagers = [new AlertmanagerTargetConfig { Discovery = new DiscoveryConfigs { Static = [new StaticTargetGroup(targets, new Dictionary<string, string>())] } }],
    };

    /// <summary>Answers every POST with a fixed status and records how many alerts each request carried.</summary>
    private sealed class Recorder(HttpStatusCode status) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _alerts;
        private int _target = int.MaxValue;

        public ConcurrentBag<(string Host, int Count)> Requests { get; } = [];

        public Task WaitForAlertsAsync(int count)
        {
            Volatile.Write(ref _target, count);
            if (Volatile.Read(ref _alerts) >= count)
            {
                _enough.TrySetResult();
            }
            // A guard so a broken sender fails the test instead of hanging it.
            return _enough.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var doc = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var count = doc.RootElement.GetArrayLength();
            Requests.Add((request.RequestUri!.Host, count));
            if (Interlocked.Add(ref _alerts, count) >= Volatile.Read(ref _target))
            {
                _enough.TrySetResult();
            }
            return new HttpResponseMessage(status);
        }
    }

    /// <summary>Sums the long counters of one meter.</summary>
    private sealed class CounterReader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _totals = new();
        private readonly List<(string Name, long Value, TaskCompletionSource Done)> _waiters = [];

        public CounterReader(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                _totals.AddOrUpdate(instrument.Name, value, (_, old) => old + value);
                Check();
            });
            _listener.Start();
        }

        public long Total(string name) => _totals.GetValueOrDefault(name);

        public Task WaitForAsync(string name, long value)
        {
            lock (_waiters)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((name, value, done));
                Check();
                // A guard so a broken sender fails the test instead of hanging it.
                return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        private void Check()
        {
            lock (_waiters)
            {
                foreach (var (name, value, done) in _waiters.Where(w => Total(w.Name) >= w.Value))
                {
                    done.TrySetResult();
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
