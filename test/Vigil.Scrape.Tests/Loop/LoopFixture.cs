using Microsoft.Extensions.Time.Testing;
using Vigil.Config.Prometheus;
using Vigil.Model.Labels;
using Vigil.Scrape.Loop;
using Vigil.Scrape.Targets;

namespace Vigil.Scrape.Tests.Loop;

/// <summary>A scrape loop over a fake exporter, a recording storage and a fake clock.</summary>
internal sealed class LoopFixture
{
    public LoopFixture(ScrapeConfig? config = null, ScrapeMetrics? metrics = null)
    {
        Config = config ?? NewConfig();
        var target = new TargetBuilder(Config).FromStaticConfigs().Active.Single();
        Loop = new ScrapeLoop(target, new ScrapeOptions(Config), Storage.Appender, new HttpClient(Exporter), Time, metrics);
    }

    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ScrapeConfig Config { get; }

    public FakeExporter Exporter { get; } = new();

    public RecordingStorage Storage { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public ScrapeLoop Loop { get; }

    public static ScrapeConfig NewConfig(string job = "node", params string[] targets) => new()
    {
        JobName = job,
        ScrapeInterval = TimeSpan.FromSeconds(15),
        ScrapeTimeout = TimeSpan.FromSeconds(10),
        Discovery = new DiscoveryConfigs
        {
            Static = [new StaticTargetGroup(targets.Length == 0 ? ["host:9100"] : targets, new Dictionary<string, string>())],
        },
    };

    public async Task<TargetHealth> ScrapeAsync(string body)
    {
        Exporter.Body = body;
        var health = await Loop.ScrapeOnceAsync();
        Time.Advance(Config.ScrapeInterval);
        return health;
    }

    public static LabelSet Series(string name, params string[] labels) =>
        LabelSet.Of(["__name__", name, "instance", "host:9100", "job", "node", .. labels]);
}
