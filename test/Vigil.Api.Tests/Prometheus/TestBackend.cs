using Microsoft.Extensions.Time.Testing;
using Vigil.Api.Prometheus;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.Storage;
using Vigil.Storage.Memory;

namespace Vigil.Api.Tests.Prometheus;

/// <summary>A backend over in-memory storage and a fake clock, for handler tests.</summary>
public sealed class TestBackend : IPrometheusBackend
{
    public TestBackend(IStorage? storage = null, EngineOptions? engine = null)
    {
        Storage = storage ?? new MemoryStorage();
        Engine = new QueryEngine(engine ?? new EngineOptions { Timeout = Timeout.InfiniteTimeSpan });
        StartedAt = Clock.GetUtcNow();
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    public IStorage Storage { get; }

    public QueryEngine Engine { get; }

    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeProvider Time => Clock;

    public DateTimeOffset StartedAt { get; }

    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string> { ["web.listen-address"] = ":9090", ["config.file"] = "prometheus.yml" };

    public RuntimeFacts Runtime { get; } = new("15d", true, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    /// <summary>Appends one sample per (labels, ms, value).</summary>
    public TestBackend With(params (string Labels, long Ms, double Value)[] samples)
    {
        var app = Storage.Appender();
        foreach (var (labels, ms, value) in samples)
        {
            app.Append(LabelSet.Of(labels.Split(',')), ms, value);
        }
        app.Commit();
        return this;
    }

    /// <summary>The standard data set: two series of <c>up</c> and one of <c>http_requests_total</c> at 0, 15 and 30 s.</summary>
    public static TestBackend WithData()
    {
        var b = new TestBackend();
        foreach (var t in new long[] { 0, 15_000, 30_000 })
        {
            b.With(("__name__,up,job,node,instance,a:9100", t, 1), ("__name__,up,job,api,instance,b:80", t, 0), ("__name__,http_requests_total,job,api,code,200", t, t / 1000.0));
        }
        return b;
    }
}
