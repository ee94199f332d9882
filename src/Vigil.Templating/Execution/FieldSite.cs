using System.Collections;
using System.Collections.Concurrent;
using Vigil.Model.Labels;

namespace Vigil.Templating.Execution;

/// <summary>How one field name resolved on one receiver type: a member, or a string-keyed map lookup.</summary>
internal sealed record FieldSite(Type Type, Member Member, StringKeyLookup? Lookup);

/// <summary>
/// Reads a string key from a map-like value without allocating, for <c>.key</c> on maps. Built
/// once per type; null for types that are not maps with string keys.
/// </summary>
internal abstract class StringKeyLookup
{
    private static readonly ConcurrentDictionary<Type, StringKeyLookup?> Cache = new();

    /// <summary>The zero value of the element type (missingkey=zero).</summary>
    public abstract object? Zero { get; }

    public abstract bool TryGet(object map, string key, out object? value);

    public static StringKeyLookup? For(Type type) => Cache.GetOrAdd(type, Build);

    private static StringKeyLookup? Build(Type type)
    {
        if (type == typeof(LabelSet))
        {
            return new LabelSetLookup();
        }
        if (MapView.DictionaryTypes(type) is { } kv)
        {
            return kv.Key == typeof(string)
                ? (StringKeyLookup)Activator.CreateInstance(typeof(GenericLookup<>).MakeGenericType(kv.Value))!
                : null;
        }
        return typeof(IDictionary).IsAssignableFrom(type) ? new LegacyLookup() : null;
    }

    private sealed class GenericLookup<TValue> : StringKeyLookup
    {
        public override object? Zero { get; } = GoValues.ZeroOf(typeof(TValue));

        public override bool TryGet(object map, string key, out object? value)
        {
            TValue? v = default;
            var found = map is IReadOnlyDictionary<string, TValue> ro ? ro.TryGetValue(key, out v) : ((IDictionary<string, TValue>)map).TryGetValue(key, out v);
            value = v;
            return found;
        }
    }

    private sealed class LabelSetLookup : StringKeyLookup
    {
        public override object? Zero => "";

        public override bool TryGet(object map, string key, out object? value)
        {
            var found = ((LabelSet)map).TryGet(key, out var v);
            value = v;
            return found;
        }
    }

    private sealed class LegacyLookup : StringKeyLookup
    {
        public override object? Zero => null;

        public override bool TryGet(object map, string key, out object? value)
        {
            var d = (IDictionary)map;
            var found = d.Contains(key);
            value = found ? d[key] : null;
            return found;
        }
    }
}
