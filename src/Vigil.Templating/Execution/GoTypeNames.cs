using System.Collections.Concurrent;

namespace Vigil.Templating.Execution;

/// <summary>Go-flavoured type names for messages (<c>int</c>, <c>[]string</c>, <c>map[string]string</c>).</summary>
internal static class GoTypeNames
{
    private static readonly ConcurrentDictionary<Type, string> Cache = new();

    public static string Of(Type type) => Cache.GetOrAdd(type, Compute);

    private static string Compute(Type type)
    {
        if (Primitive(type) is { } name)
        {
            return name;
        }
        if (type.IsArray)
        {
            return "[]" + Of(type.GetElementType()!);
        }
        if (MapView.DictionaryTypes(type) is { } kv)
        {
            return "map[" + Of(kv.Key) + "]" + Of(kv.Value);
        }
        if (type != typeof(string) && GoValues.EnumerableElement(type) is { } element)
        {
            return "[]" + Of(element);
        }
        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? simple[..tick] : simple;
    }

    private static string? Primitive(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String => "string",
        TypeCode.Boolean => "bool",
        TypeCode.Int64 or TypeCode.Int32 => "int",
        TypeCode.Int16 => "int16",
        TypeCode.SByte => "int8",
        TypeCode.Byte => "uint8",
        TypeCode.UInt16 => "uint16",
        TypeCode.UInt32 => "uint32",
        TypeCode.UInt64 => "uint64",
        TypeCode.Char => "int32",
        TypeCode.Double or TypeCode.Decimal => "float64",
        TypeCode.Single => "float32",
        TypeCode.DateTime => "time.Time",
        _ when type == typeof(DateTimeOffset) || type == typeof(Formatting.ZonedTime) => "time.Time",
        _ when type == typeof(TimeSpan) => "time.Duration",
        _ when type == typeof(object) => "interface {}",
        _ => null,
    };
}
