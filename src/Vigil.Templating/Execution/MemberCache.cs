using System.Collections.Concurrent;
using System.Reflection;

namespace Vigil.Templating.Execution;

/// <summary>How a name resolves on a type, worked out once per (type, name).</summary>
internal sealed class Member
{
    public static Member None { get; } = new();

    /// <summary>Overloads by that name (Go has one method per name; C# may have several, picked by arity).</summary>
    public Callable[] Methods { get; init; } = [];

    /// <summary>A property or field reader, when the name is one.</summary>
    public Func<object, object?>? Getter { get; init; }

    public Callable? MethodFor(int argCount) =>
        Methods.FirstOrDefault(m => m.IsVariadic ? argCount >= m.FixedCount : argCount == m.ParameterTypes.Length) ?? Methods.FirstOrDefault();
}

/// <summary>
/// Resolves <c>.Name</c> on C# types in Go's order: method, then property or field. Members that
/// the BCL declares on dictionaries (Count, Keys, Remove...) are skipped so that map keys win, as
/// a Go map has no such methods.
/// </summary>
internal static class MemberCache
{
    private static readonly ConcurrentDictionary<(Type, string), Member> Cache = new();

    public static Member Resolve(Type type, string name) => Cache.GetOrAdd((type, name), static key => Build(key.Item1, key.Item2));

    private static Member Build(Type type, string name)
    {
        if (GoTypeMethods.Find(type, name) is { } extension)
        {
            return new Member { Methods = [extension] };
        }
        var isMap = MapView.DictionaryTypes(type) is not null || typeof(System.Collections.IDictionary).IsAssignableFrom(type);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == name && !m.IsSpecialName && !m.IsGenericMethodDefinition && Visible(m.DeclaringType, isMap))
            .Select(Callable.For)
            .ToArray();
        if (methods.Length > 0)
        {
            return new Member { Methods = methods };
        }
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0 && p.GetMethod is not null && Visible(p.DeclaringType, isMap));
        if (property is not null)
        {
            return new Member { Getter = property.GetValue };
        }
        var field = type.GetField(name, BindingFlags.Public | BindingFlags.Instance);
        if (field is not null)
        {
            return new Member { Getter = field.GetValue };
        }
        return Member.None;
    }

    private static bool Visible(Type? declaring, bool isMap)
    {
        if (declaring is null || declaring == typeof(object) || declaring == typeof(ValueType))
        {
            return false;
        }
        return !isMap || declaring.Namespace is not { } ns || !(ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal));
    }
}
