using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;
using Vigil.Rules.Evaluation;
using Vigil.Scrape.Discovery.Kubernetes;

namespace Vigil.PrometheusHost;

/// <summary>
/// Sends rule alerts to every configured Alertmanager through API v2. Alerts wait in one bounded queue
/// (the oldest are dropped and counted when it is full, as upstream), and go out in batches; each
/// Alertmanager gets every batch, and its failures are counted and logged without stopping the others.
/// </summary>
public sealed class AlertNotifier : IAsyncDisposable
{
    /// <summary>Upstream's default maximum number of alerts in one request.</summary>
    public const int MaxBatchSize = 256;

    private readonly int _capacity;
    private readonly Func<HttpClientSettings, HttpClient> _newClient;
    private Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly LinkedList<PostableAlert> _queue = new();
    private readonly SemaphoreSlim _more = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Meter _meter = new("Vigil.Notifier");
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _sent;
    private readonly AlertmanagerDiscovery _discovery;
    private readonly Lock _targetsLock = new();
    private volatile Targets _targets = new([], LabelSet.Empty, Relabeler.None);
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates a notifier with room for <paramref name="capacity"/> queued alerts, sending through <paramref name="http"/>.</summary>
    public AlertNotifier(int capacity, HttpClient http, TimeProvider time, ILogger logger, KubeEnvironment? kubernetes = null)
        : this(capacity, _ => http, time, logger, kubernetes)
    {
    }

    /// <summary>
    /// Creates a notifier with room for <paramref name="capacity"/> queued alerts; each alertmanagers entry is
    /// reached through a client made by <paramref name="clients"/> from its basic_auth, TLS and proxy settings.
    /// </summary>
    public AlertNotifier(int capacity, Func<HttpClientSettings, HttpClient> clients, TimeProvider time, ILogger logger, KubeEnvironment? kubernetes = null)
    {
        _discovery = new AlertmanagerDiscovery(time, logger, kubernetes ?? KubeEnvironment.Process, Publish);
        _capacity = capacity;
        _newClient = clients;
        _time = time;
        _logger = logger;
        _dropped = _meter.CreateCounter<long>("prometheus_notifications_dropped_total", description: "Total number of alerts dropped due to errors when sending to Alertmanager.");
        _errors = _meter.CreateCounter<long>("prometheus_notifications_errors_total", description: "Total number of sent alerts affected by errors.");
        _sent = _meter.CreateCounter<long>("prometheus_notifications_sent_total", description: "Total number of alerts sent.");
        _meter.CreateObservableGauge("prometheus_notifications_queue_length", () => (long)QueueLength, description: "The number of alert notifications in the queue.");
        _meter.CreateObservableGauge("prometheus_notifications_queue_capacity", () => (long)_capacity, description: "The capacity of the alert notifications queue.");
        _meter.CreateObservableGauge("prometheus_notifications_alertmanagers_discovered", () => (long)_targets.Alertmanagers.Count, description: "The number of alertmanagers discovered and active.");
    }

    /// <summary>This notifier's meter (tests listen to it).</summary>
    public Meter Meter => _meter;

    /// <summary>Alerts waiting to be sent.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The Alertmanager API v2 URLs alerts go to now.</summary>
    public IReadOnlyList<Uri> Alertmanagers => [.. _targets.Alertmanagers.Select(a => a.Url)];

    /// <summary>The URLs of the discovered Alertmanagers that relabelling dropped (for <c>/api/v1/alertmanagers</c>).</summary>
    public IReadOnlyList<Uri> DroppedAlertmanagers => _discovery.Dropped;

    /// <summary>Replaces the Alertmanagers (static and discovered), external labels and alert relabelling (start and reload).</summary>
    public Task ApplyAsync(AlertingConfig alerting, LabelSet externalLabels)
    {
        lock (_targetsLock)
        {
            _targets = new Targets(_targets.Alertmanagers, externalLabels, new Relabeler(alerting.AlertRelabelConfigs));
        }
        return _discovery.ApplyAsync(alerting);
    }

    private void Publish(IReadOnlyList<DiscoveredAlertmanager> found)
    {
        // Per-entry relabellers are compiled once per entry, not once per discovered Alertmanager.
        var relabelers = new Dictionary<AlertmanagerTargetConfig, Relabeler>(ReferenceEqualityComparer.Instance);
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var managers = found.Select(am => new Target(am.Url, am.Config.Timeout,
            relabelers.TryGetValue(am.Config, out var r) ? r : relabelers[am.Config] = new Relabeler(am.Config.AlertRelabelConfigs),
            ClientFor(am.Config.Http, clients))).ToList();
        lock (_targetsLock)
        {
            // Clients of entries that went away are left to close their idle connections: a batch may still be using one.
            _clients = clients;
            _targets = _targets with { Alertmanagers = managers };
        }
    }

    private HttpClient ClientFor(HttpClientSettings settings, Dictionary<string, HttpClient> next)
    {
        var key = System.Text.Json.JsonSerializer.Serialize(settings);
        if (!next.TryGetValue(key, out var client))
        {
            client = _clients.TryGetValue(key, out var kept) ? kept : _newClient(settings);
            next[key] = client;
        }
        return client;
    }

    /// <summary>The v2 alerts URL of one static target, honouring scheme and path_prefix.</summary>
    public static Uri AlertmanagerUrl(AlertmanagerTargetConfig config, string target) =>
        new($"{config.Scheme}://{target}{AlertmanagerDiscovery.AlertsPath(config.PathPrefix)}");

    /// <summary>Starts the send loop.</summary>
    public void Start() => _loop = Task.Run(() => SendLoopAsync(_stop.Token));

    /// <summary>The <see cref="NotifyFunc"/> rule groups call: labels, relabels and queues the alerts.</summary>
    public void Send(string expr, IReadOnlyList<PostableAlert> alerts)
    {
        var targets = _targets;
        var prepared = alerts.Select(a => Prepare(a, targets.ExternalLabels, targets.Relabel)).OfType<PostableAlert>().ToList();
        if (prepared.Count == 0)
        {
            return;
        }
        var dropped = 0;
        lock (_lock)
        {
            foreach (var alert in prepared)
            {
                _queue.AddLast(alert);
            }
            // As upstream, the oldest alerts make room: the newest state is the one worth sending.
            while (_queue.Count > _capacity)
            {
                _queue.RemoveFirst();
                dropped++;
            }
        }
        if (dropped > 0)
        {
            _dropped.Add(dropped);
            _logger.Warn("Alert notification queue full, dropping alerts", ("num_dropped", dropped));
        }
        _more.Release();
    }

    /// <summary>External labels are added where the alert has no label of that name; then alert_relabel_configs. Null when dropped.</summary>
    public static PostableAlert? Prepare(PostableAlert alert, LabelSet externalLabels, Relabeler relabel)
    {
        var labels = alert.Labels;
        foreach (var external in externalLabels)
        {
            if (!labels.Has(external.Name))
            {
                labels = labels.With(external.Name, external.Value);
            }
        }
        if (!relabel.Process(labels, out var relabelled) || relabelled.Count == 0)
        {
            return null;
        }
        return alert with { Labels = relabelled };
    }

    /// <summary>Alerts as Alertmanager's API v2 takes them.</summary>
    public static byte[] ToJson(IReadOnlyList<PostableAlert> alerts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var alert in alerts)
            {
                json.WriteStartObject();
                WriteLabels(json, "labels", alert.Labels);
                WriteLabels(json, "annotations", alert.Annotations);
                json.WriteString("startsAt", alert.StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("endsAt", alert.EndsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("generatorURL", alert.GeneratorUrl);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, LabelSet labels)
    {
        json.WriteStartObject(name);
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }
        json.WriteEndObject();
    }

    private async Task SendLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _more.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            List<PostableAlert> batch;
            while ((batch = TakeBatch()).Count > 0)
            {
                await SendBatchAsync(batch, stop);
            }
        }
    }

    private List<PostableAlert> TakeBatch()
    {
        var batch = new List<PostableAlert>();
        lock (_lock)
        {
            while (batch.Count < MaxBatchSize && _queue.First is { } first)
            {
                batch.Add(first.Value);
                _queue.RemoveFirst();
            }
        }
        return batch;
    }

    private async Task SendBatchAsync(List<PostableAlert> batch, CancellationToken stop)
    {
        var targets = _targets;
        if (targets.Alertmanagers.Count == 0)
        {
            return;
        }
        await Task.WhenAll(targets.Alertmanagers.Select(am => SendOneAsync(am, batch, stop)));
    }

    private async Task SendOneAsync(Target am, List<PostableAlert> batch, CancellationToken stop)
    {
        var alerts = am.Relabel.IsEmpty ? batch : [.. batch.Select(a => Prepare(a, LabelSet.Empty, am.Relabel)).OfType<PostableAlert>()];
        if (alerts.Count == 0)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(am.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            using var content = new ByteArrayContent(ToJson(alerts));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await am.Client.PostAsync(am.Url, content, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"bad response status {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            _sent.Add(alerts.Count, new KeyValuePair<string, object?>("alertmanager", am.Url.ToString()));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
        {
            _errors.Add(alerts.Count, new KeyValuePair<string, object?>("alertmanager", am.Url.ToString()));
            _logger.Error("Error sending alerts", ("alertmanager", am.Url.ToString()), ("count", alerts.Count), ("err", e is OperationCanceledException ? "context deadline exceeded" : e.Message));
        }
    }

    /// <summary>Stops the send loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _discovery.DisposeAsync();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _meter.Dispose();
    }

    private sealed record Target(Uri Url, TimeSpan Timeout, Relabeler Relabel, HttpClient Client);

    private sealed record Targets(IReadOnlyList<Target> Alertmanagers, LabelSet ExternalLabels, Relabeler Relabel);
}
