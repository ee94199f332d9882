using System.Collections;
using System.Reflection;
using System.Text;

namespace Vigil.Templating.Execution;

/// <summary><c>len</c>, <c>index</c>, <c>slice</c> and <c>call</c> on maps, lists and strings.</summary>
internal static class Indexing
{
    public static long Length(object? item)
    {
        switch (item)
        {
            case null:
                throw new InvalidOperationException("len of nil pointer");
            case string s:
                return Encoding.UTF8.GetByteCount(s);
        }
        if (MapView.TryCreate(item, out var map))
        {
            return map.Count;
        }
        return item switch
        {
            ICollection c => c.Count,
            IEnumerable e => e.Cast<object?>().LongCount(),
            _ => throw new InvalidOperationException("len of type " + GoTypeNames.Of(item.GetType())),
        };
    }

    public static object? Index(object? item, object?[] indexes)
    {
        if (item is null)
        {
            throw new InvalidOperationException("index of untyped nil");
        }
        foreach (var index in indexes)
        {
            if (item is null)
            {
                throw new InvalidOperationException("index of nil pointer");
            }
            item = IndexOne(item, index);
        }
        return item;
    }

    private static object? IndexOne(object item, object? index)
    {
        if (item is string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            return bytes[IndexArg(index, bytes.Length - 1)];
        }
        if (MapView.TryCreate(item, out var map))
        {
            return map.TryGet(PrepareKey(index, map), out var value) ? value : map.Zero;
        }
        if (item is IList list)
        {
            return list[(int)IndexArg(index, list.Count - 1)];
        }
        if (item is IEnumerable e)
        {
            var all = e.Cast<object?>().ToList();
            return all[(int)IndexArg(index, all.Count - 1)];
        }
        throw new InvalidOperationException("can't index item of type " + GoTypeNames.Of(item.GetType()));
    }

    private static object? PrepareKey(object? index, MapView map)
    {
        if (index is null)
        {
            throw new InvalidOperationException("value is nil; should be of type string");
        }
        return index;
    }

    private static long IndexArg(object? index, long max)
    {
        if (index is null)
        {
            throw new InvalidOperationException("cannot index slice/array with nil");
        }
        if (!GoValues.TryGetInteger(index, out var x))
        {
            throw new InvalidOperationException("cannot index slice/array with type " + GoTypeNames.Of(index.GetType()));
        }
        if (x < 0 || x > max)
        {
            throw new InvalidOperationException($"index out of range: {x}");
        }
        return x;
    }

    public static object? Slice(object? item, object?[] indexes)
    {
        if (item is null)
        {
            throw new InvalidOperationException("slice of untyped nil");
        }
        if (indexes.Length > 3)
        {
            throw new InvalidOperationException($"too many slice indexes: {indexes.Length}");
        }
        if (item is string s)
        {
            if (indexes.Length == 3)
            {
                throw new InvalidOperationException("cannot 3-index slice a string");
            }
            var bytes = Encoding.UTF8.GetBytes(s);
            var (from, to) = SliceBounds(indexes, bytes.Length);
            return Encoding.UTF8.GetString(bytes, from, to - from);
        }
        if (item is IEnumerable e && !MapView.TryCreate(item, out _))
        {
            var all = e.Cast<object?>().ToList();
            var (from, to) = SliceBounds(indexes, all.Count);
            var element = GoValues.EnumerableElement(item.GetType()) ?? typeof(object);
            var result = Array.CreateInstance(element, to - from);
            for (var i = from; i < to; i++)
            {
                result.SetValue(all[i], i - from);
            }
            // Go's slice keeps the operand's type; a List stays a List.
            var type = item.GetType();
            return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? Activator.CreateInstance(type, result) : result;
        }
        throw new InvalidOperationException("can't slice item of type " + GoTypeNames.Of(item.GetType()));
    }

    private static (int From, int To) SliceBounds(object?[] indexes, int length)
    {
        var idx = new long[] { 0, length, length };
        for (var i = 0; i < indexes.Length; i++)
        {
            idx[i] = IndexArg(indexes[i], length);
        }
        if (idx[0] > idx[1])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[0]} > {idx[1]}");
        }
        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[1]} > {idx[2]}");
        }
        return ((int)idx[0], (int)idx[1]);
    }

    /// <summary>Go's <c>call</c>: invokes a function value held in the data.</summary>
    public static object? Call(string name, object? fn, object?[] args)
    {
        if (fn is null)
        {
            throw new InvalidOperationException("call of nil");
        }
        if (fn is not Delegate d)
        {
            throw new InvalidOperationException($"non-function {name} of type {GoTypeNames.Of(fn.GetType())}");
        }
        var callable = Callable.For(d.Method);
        var n = callable.ParameterTypes.Length;
        if (callable.IsVariadic ? args.Length < n - 1 : args.Length != n)
        {
            var want = callable.IsVariadic ? $"at least {n - 1}" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"wrong number of args for {name}: got {args.Length} want {want}");
        }
        for (var i = 0; i < args.Length; i++)
        {
            var type = callable.IsVariadic && i >= n - 1 ? callable.VariadicElement! : callable.ParameterTypes[i];
            if (args[i] is { } a && !type.IsInstanceOfType(a))
            {
                throw new InvalidOperationException($"arg {i}: value has type {GoTypeNames.Of(a.GetType())}; should be {GoTypeNames.Of(type)}");
            }
        }
        try
        {
            return callable.Invoke(d.Target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
