using System.Collections;
using System.Collections.Concurrent;
using Vigil.Model.Labels;

namespace Vigil.Templating.Execution;

/// <summary>
/// A uniform, reflection-free view of a dictionary-like value (generic dictionaries, non-generic
/// <see cref="IDictionary"/>, <see cref="LabelSet"/>), so templates treat them as Go maps. The
/// per-type factory is built once and cached.
/// </summary>
internal abstract class MapView
{
    private static readonly ConcurrentDictionary<Type, Func<object, MapView>?> Factories = new();

    public abstract int Count { get; }

    /// <summary>The type map values have; <c>object</c> when unknown.</summary>
    public abstract Type ValueType { get; }

    public abstract bool TryGet(object? key, out object? value);

    protected abstract IEnumerable<KeyValuePair<object, object?>> Entries();

    /// <summary>Entries sorted by key, as Go prints and ranges over maps.</summary>
    public IEnumerable<KeyValuePair<object, object?>> SortedEntries() => Entries().OrderBy(e => e.Key, GoKeyComparer.Instance);

    /// <summary>The value of a missing key under <c>missingkey=zero</c>.</summary>
    public object? Zero => GoValues.ZeroOf(ValueType);

    public static bool TryCreate(object value, out MapView map)
    {
        var factory = Factories.GetOrAdd(value.GetType(), BuildFactory);
        map = factory?.Invoke(value)!;
        return factory is not null;
    }

    /// <summary>The key and value types when <paramref name="type"/> is a generic dictionary.</summary>
    public static (Type Key, Type Value)? DictionaryTypes(Type type)
    {
        foreach (var i in type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() is var d && (d == typeof(IReadOnlyDictionary<,>) || d == typeof(IDictionary<,>)))
            {
                var args = i.GetGenericArguments();
                return (args[0], args[1]);
            }
        }
        return null;
    }

    private static Func<object, MapView>? BuildFactory(Type type)
    {
        if (type == typeof(LabelSet))
        {
            return o => new LabelSetView((LabelSet)o);
        }
        if (DictionaryTypes(type) is { } kv)
        {
            var viewType = typeof(GenericView<,>).MakeGenericType(kv.Key, kv.Value);
            var create = viewType.GetMethod(nameof(GenericView<int, int>.Create))!;
            return create.CreateDelegate<Func<object, MapView>>();
        }
        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return o => new LegacyView((IDictionary)o);
        }
        return null;
    }

    private sealed class GenericView<TKey, TValue> : MapView
        where TKey : notnull
    {
        private readonly IReadOnlyDictionary<TKey, TValue>? _readOnly;
        private readonly IDictionary<TKey, TValue>? _mutable;

        private GenericView(object o)
        {
            _readOnly = o as IReadOnlyDictionary<TKey, TValue>;
            _mutable = _readOnly is null ? o as IDictionary<TKey, TValue> : null;
        }

        public static MapView Create(object o) => new GenericView<TKey, TValue>(o);

        public override int Count => _readOnly?.Count ?? _mutable!.Count;

        public override Type ValueType => typeof(TValue);

        public override bool TryGet(object? key, out object? value)
        {
            value = null;
            if (key is not TKey k)
            {
                return false;
            }
            TValue? v = default;
            var found = _readOnly?.TryGetValue(k, out v) ?? _mutable!.TryGetValue(k, out v);
            value = v;
            return found;
        }

        protected override IEnumerable<KeyValuePair<object, object?>> Entries() =>
            ((IEnumerable<KeyValuePair<TKey, TValue>>?)_readOnly ?? _mutable!).Select(e => new KeyValuePair<object, object?>(e.Key, e.Value));
    }

    private sealed class LegacyView(IDictionary d) : MapView
    {
        public override int Count => d.Count;

        public override Type ValueType => typeof(object);

        public override bool TryGet(object? key, out object? value)
        {
            value = null;
            if (key is null || !d.Contains(key))
            {
                return false;
            }
            value = d[key];
            return true;
        }

        protected override IEnumerable<KeyValuePair<object, object?>> Entries()
        {
            foreach (DictionaryEntry e in d)
            {
                yield return new KeyValuePair<object, object?>(e.Key, e.Value);
            }
        }
    }

    private sealed class LabelSetView(LabelSet labels) : MapView
    {
        public override int Count => labels.Count;

        public override Type ValueType => typeof(string);

        public override bool TryGet(object? key, out object? value)
        {
            value = null;
            if (key is string name && labels.TryGet(name, out var v))
            {
                value = v;
                return true;
            }
            return false;
        }

        protected override IEnumerable<KeyValuePair<object, object?>> Entries() =>
            labels.Select(l => new KeyValuePair<object, object?>(l.Name, l.Value));
    }
}

/// <summary>Orders map keys as Go's fmt and range do: numbers numerically, strings by bytes.</summary>
internal sealed class GoKeyComparer : IComparer<object>
{
    public static GoKeyComparer Instance { get; } = new();

    public int Compare(object? x, object? y)
    {
        if (x is string a && y is string b)
        {
            return string.CompareOrdinal(a, b);
        }
        if (GoValues.TryGetInteger(x, out var i) && GoValues.TryGetInteger(y, out var j))
        {
            return i.CompareTo(j);
        }
        if (GoValues.IsFloat(x) && GoValues.IsFloat(y))
        {
            return Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture));
        }
        return string.CompareOrdinal(x?.ToString(), y?.ToString());
    }
}
