using System.Reflection;
using Vigil.Templating.Formatting;

namespace Vigil.Templating.Execution;

/// <summary>
/// Go's predefined template functions. They take untyped values (Go's <c>reflect.Value</c>
/// parameters), so constants arrive as Go's ideal constants: int or float64.
/// </summary>
internal static partial class Builtins
{
    private static readonly Dictionary<string, Callable> Functions = Build();

    public static bool TryGet(string name, out Callable fn) => Functions.TryGetValue(name, out fn!);

    public static bool Has(string name) => Functions.ContainsKey(name);

    private static Dictionary<string, Callable> Build()
    {
        var map = new Dictionary<string, Callable>(StringComparer.Ordinal);
        foreach (var method in typeof(Builtins).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<GoNameAttribute>() is { } attribute)
            {
                map[attribute.Name] = Callable.For(method);
            }
        }
        return map;
    }

    [GoName("and")]
    public static object? And(object? first, params object?[] rest) => rest.Length == 0 || !GoValues.IsTrue(first) ? first : rest[^1];

    [GoName("or")]
    public static object? Or(object? first, params object?[] rest) => rest.Length == 0 || GoValues.IsTrue(first) ? first : rest[^1];

    [GoName("not")]
    public static bool Not(object? value) => !GoValues.IsTrue(value);

    [GoName("print")]
    public static string Print(params object?[] args) => GoFormat.Sprint(args);

    [GoName("printf")]
    public static string Printf(string format, params object?[] args) => GoFormat.Sprintf(format, args);

    [GoName("println")]
    public static string Println(params object?[] args) => GoFormat.Sprintln(args);

    [GoName("html")]
    public static string Html(params object?[] args) => Escapers.Html(Escapers.EvalArgs(args));

    [GoName("js")]
    public static string Js(params object?[] args) => Escapers.Js(Escapers.EvalArgs(args));

    [GoName("urlquery")]
    public static string UrlQuery(params object?[] args) => Escapers.QueryEscape(Escapers.EvalArgs(args));

    [GoName("eq")]
    public static bool Eq(object? first, params object?[] rest) => Comparisons.Eq(first, rest);

    [GoName("ne")]
    public static bool Ne(object? a, object? b) => !Comparisons.Eq(a, [b]);

    [GoName("lt")]
    public static bool Lt(object? a, object? b) => Comparisons.Lt(a, b);

    [GoName("le")]
    public static bool Le(object? a, object? b) => Comparisons.Lt(a, b) || Comparisons.Eq(a, [b]);

    [GoName("gt")]
    public static bool Gt(object? a, object? b) => !Le(a, b);

    [GoName("ge")]
    public static bool Ge(object? a, object? b) => !Comparisons.Lt(a, b);

    [GoName("len")]
    public static long Len(object? item) => Indexing.Length(item);

    [GoName("index")]
    public static object? Index(object? item, params object?[] indexes) => Indexing.Index(item, indexes);

    [GoName("slice")]
    public static object? Slice(object? item, params object?[] indexes) => Indexing.Slice(item, indexes);

    [GoName("call")]
    public static object? Call(object? fn, params object?[] args) => Indexing.Call("fn", fn, args);
}

/// <summary>Names a builtin as templates spell it.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class GoNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
