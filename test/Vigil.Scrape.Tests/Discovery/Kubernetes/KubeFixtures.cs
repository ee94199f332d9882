using System.Text.Json;
using Vigil.Scrape.Discovery.Kubernetes;

namespace Vigil.Scrape.Tests.Discovery.Kubernetes;

/// <summary>Recorded API list responses from testdata/, and a lookup over them.</summary>
internal static class KubeFixtures
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Discovery", "Kubernetes", "testdata", file);

    public static string Text(string file) => File.ReadAllText(PathOf(file));

    public static IReadOnlyList<JsonElement> Items(string file)
    {
        using var doc = JsonDocument.Parse(Text(file));
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    public static JsonElement Item(string file, string name) => Items(file).Single(i => i.Name() == name);

    /// <summary>The targets of a group as label sets with __address__ included.</summary>
    public static List<Dictionary<string, string>> TargetsOf(KubeTargetGroup? group) =>
        group is null ? [] : [.. group.ToStaticGroups().Select(g => new Dictionary<string, string>(g.Labels) { ["__address__"] = g.Targets[0] })];
}

/// <summary>A lookup over fixture lists.</summary>
internal sealed class FixtureLookup(bool withNodes = false, bool withNamespaces = false) : IKubeLookup
{
    private readonly Dictionary<(KubeResource, string), JsonElement> _objects = [];

    public bool WithNodes => withNodes;

    public bool WithNamespaces => withNamespaces;

    public FixtureLookup With(KubeResource kind, string file)
    {
        foreach (var item in KubeFixtures.Items(file))
        {
            _objects[(kind, item.Key())] = item;
        }
        return this;
    }

    public JsonElement? Find(KubeResource kind, string key) => _objects.TryGetValue((kind, key), out var found) ? found : null;
}
