using Vigil.Templating.Execution;

namespace Vigil.Templating;

/// <summary>
/// Named functions callable from templates (Go's <c>template.FuncMap</c>). A function reports
/// failure by throwing; the template then stops with <c>error calling NAME: message</c>, as a Go
/// function returning a non-nil error does. A trailing <c>params</c> array makes it variadic.
/// </summary>
public sealed class FunctionMap
{
    private readonly Dictionary<string, TemplateFunction> _functions = new(StringComparer.Ordinal);

    /// <summary>The names defined, in no particular order.</summary>
    public IReadOnlyCollection<string> Names => _functions.Keys;

    /// <summary>Adds or replaces <paramref name="name"/>; returns this map for chaining.</summary>
    public FunctionMap Add(string name, Delegate fn)
    {
        if (fn.Method.ReturnType == typeof(void))
        {
            throw new ArgumentException($"function {name} must return a value", nameof(fn));
        }
        if (string.IsNullOrEmpty(name) || !name.All(c => c == '_' || char.IsLetterOrDigit(c)) || char.IsAsciiDigit(name[0]))
        {
            throw new ArgumentException($"function name {Vigil.Model.GoString.Quote(name)} is not a valid identifier", nameof(name));
        }
        _functions[name] = new TemplateFunction(name, fn.Target, Callable.ForDelegate(fn));
        return this;
    }

    /// <summary>Adds every function of <paramref name="other"/>, replacing same-named ones.</summary>
    public FunctionMap AddAll(FunctionMap other)
    {
        foreach (var (name, fn) in other._functions)
        {
            _functions[name] = fn;
        }
        return this;
    }

    /// <summary>Whether <paramref name="name"/> is defined here.</summary>
    public bool Contains(string name) => _functions.ContainsKey(name);

    /// <summary>A copy that can be changed independently.</summary>
    public FunctionMap Clone() => new FunctionMap().AddAll(this);

    internal bool TryGet(string name, out TemplateFunction fn) => _functions.TryGetValue(name, out fn!);
}

/// <summary>A resolved function: its name, the delegate target and the callable method.</summary>
internal sealed record TemplateFunction(string Name, object? Target, Callable Callable);
