using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Vigil.Templating.Execution;

/// <summary>Go's view of C# values: integer and float kinds, truthiness, zero values, Stringers.</summary>
internal static class GoValues
{
    private static readonly ConcurrentDictionary<Type, bool> Stringers = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly ConcurrentDictionary<Type, object?> Zeros = new();

    /// <summary>Reads any integral value (except a ulong above long.MaxValue) as a long.</summary>
    public static bool TryGetInteger(object? value, out long n)
    {
        switch (value)
        {
            case long l: n = l; return true;
            case int i: n = i; return true;
            case short s: n = s; return true;
            case sbyte sb: n = sb; return true;
            case byte b: n = b; return true;
            case ushort us: n = us; return true;
            case uint ui: n = ui; return true;
            case char c: n = c; return true;
            case ulong ul when ul <= long.MaxValue: n = (long)ul; return true;
            default: n = 0; return false;
        }
    }

    public static bool IsFloat(object? value) => value is double or float or decimal;

    public static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    public static DateTimeOffset ToOffset(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(t),
        _ => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc), TimeSpan.Zero),
    };

    /// <summary>Go's truth: false, 0, nil, and empty strings, collections and maps are false.</summary>
    public static bool IsTrue(object? value)
    {
        switch (value)
        {
            case null: return false;
            case bool b: return b;
            case string s: return s.Length > 0;
            case double d: return d != 0;
            case float f: return f != 0;
            case decimal m: return m != 0;
            case TimeSpan t: return t != TimeSpan.Zero;
        }
        if (TryGetInteger(value, out var n))
        {
            return n != 0;
        }
        if (value is ulong)
        {
            return true;
        }
        if (MapView.TryCreate(value, out var map))
        {
            return map.Count > 0;
        }
        if (value is ICollection c)
        {
            return c.Count > 0;
        }
        if (value is IEnumerable e)
        {
            var it = e.GetEnumerator();
            return it.MoveNext();
        }
        return true;
    }

    /// <summary>The zero value Go would produce for a missing map entry of this type.</summary>
    public static object? ZeroOf(Type type) => Zeros.GetOrAdd(type, t => t == typeof(string) ? "" : t.IsValueType ? RuntimeHelpers.GetUninitializedObject(t) : null);

    /// <summary>Whether the type has its own <c>ToString</c> (Go's <c>fmt.Stringer</c>), not a compiler-generated one.</summary>
    public static bool HasStringer(Type type) => Stringers.GetOrAdd(type, static t =>
    {
        var method = t.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (method is null || method.DeclaringType == typeof(object) || method.DeclaringType == typeof(ValueType))
        {
            return false;
        }
        return !method.IsDefined(typeof(CompilerGeneratedAttribute)) && !t.IsDefined(typeof(CompilerGeneratedAttribute));
    });

    /// <summary>Public instance properties printed for a struct-like value, in declaration order.</summary>
    public static PropertyInfo[] DisplayProperties(Type type) => Properties.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken)
            .ToArray());

    /// <summary>The element type of an <c>IEnumerable&lt;T&gt;</c>, or null.</summary>
    public static Type? EnumerableElement(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        foreach (var i in type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return i.GetGenericArguments()[0];
            }
        }
        return null;
    }
}
