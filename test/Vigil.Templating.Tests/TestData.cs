namespace Vigil.Templating.Tests;

/// <summary>A key/value map with Alertmanager's KV methods.</summary>
public sealed class KV : Dictionary<string, string>
{
    public KV()
        : base(StringComparer.Ordinal)
    {
    }

    public KV(IDictionary<string, string> values)
        : base(values, StringComparer.Ordinal)
    {
    }

    public List<Pair> SortedPairs() =>
        Keys.OrderBy(k => k == "alertname" ? "" : k, StringComparer.Ordinal).Select(k => new Pair(k, this[k])).ToList();

    public KV Remove(string[] keys) => new(this.Where(kv => !keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value));

    public Strings Names() => new(SortedPairs().Select(p => p.Name));

    public new Strings Values() => new(SortedPairs().Select(p => p.Value));
}

/// <summary>A name/value pair.</summary>
public sealed record Pair(string Name, string Value);

/// <summary>A string list with a Join method.</summary>
public sealed class Strings(IEnumerable<string> items) : List<string>(items)
{
    public string Join(string sep) => string.Join(sep, this);
}

/// <summary>One alert.</summary>
public sealed class TestAlert
{
    public string Status { get; init; } = "firing";

    public KV Labels { get; init; } = [];

    public KV Annotations { get; init; } = [];

    public DateTimeOffset StartsAt { get; init; }
}

/// <summary>Alerts with Firing/Resolved.</summary>
public sealed class TestAlerts : List<TestAlert>
{
    public List<TestAlert> Firing() => this.Where(a => a.Status == "firing").ToList();

    public List<TestAlert> Resolved() => this.Where(a => a.Status == "resolved").ToList();
}

/// <summary>Notification data shaped like Alertmanager's template.Data.</summary>
public sealed class TestData
{
    public string Receiver { get; init; } = "team-x";

    public string Status { get; init; } = "firing";

    public TestAlerts Alerts { get; init; } = [];

    public KV GroupLabels { get; init; } = [];

    public KV CommonLabels { get; init; } = [];

    public KV CommonAnnotations { get; init; } = [];

    public string ExternalURL { get; init; } = "http://am:9093";

    public int Count { get; init; } = 3;

    public double Ratio { get; init; } = 0.5;

    public string[] Items { get; init; } = ["a", "b", "c"];

    public Dictionary<string, object?> Any { get; init; } = new() { ["n"] = 1L, ["s"] = "str", ["nil"] = null };

    public TestData? Nested { get; init; }

    public Func<long, long, long> Add { get; init; } = (a, b) => a + b;

    public string Greet(string who) => "hello " + who;

    public string Shout() => "HEY";

    public static TestData Sample() => new()
    {
        GroupLabels = new KV { ["alertname"] = "HighLatency" },
        CommonLabels = new KV { ["alertname"] = "HighLatency", ["job"] = "api", ["severity"] = "page" },
        CommonAnnotations = new KV { ["summary"] = "p99 > 1s" },
        Alerts =
        [
            new TestAlert { Labels = new KV { ["alertname"] = "HighLatency", ["instance"] = "a:9090" }, StartsAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) },
            new TestAlert { Status = "resolved", Labels = new KV { ["alertname"] = "HighLatency", ["instance"] = "b:9090" } },
        ],
        Nested = new TestData { Receiver = "inner" },
    };
}
