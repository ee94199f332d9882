using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// The objects of one resource in one namespace as last listed and watched. It only changes on a
/// successful list or a watch event, so when the API server is unreachable the last known objects stay.
/// </summary>
internal sealed class ResourceStore
{
    private readonly Lock _lock = new();
    private Dictionary<string, JsonElement> _objects = new(StringComparer.Ordinal);

    /// <summary>Whether a list has completed at least once.</summary>
    public bool Synced { get; private set; }

    /// <summary>Replaces everything with a fresh list.</summary>
    public void Replace(IEnumerable<JsonElement> objects)
    {
        var fresh = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var obj in objects)
        {
            fresh[obj.Key()] = obj;
        }
        lock (_lock)
        {
            _objects = fresh;
            Synced = true;
        }
    }

    /// <summary>Adds or replaces one object.</summary>
    public void Put(JsonElement obj)
    {
        lock (_lock)
        {
            _objects[obj.Key()] = obj;
        }
    }

    /// <summary>Removes one object.</summary>
    public void Remove(JsonElement obj)
    {
        lock (_lock)
        {
            _objects.Remove(obj.Key());
        }
    }

    /// <summary>The object with <paramref name="key"/>, if present.</summary>
    public JsonElement? Find(string key)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(key, out var obj) ? obj : null;
        }
    }

    /// <summary>A snapshot of every object, by key.</summary>
    public IReadOnlyList<JsonElement> All()
    {
        lock (_lock)
        {
            return [.. _objects.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value)];
        }
    }
}
