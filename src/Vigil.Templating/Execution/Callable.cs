using System.Collections.Concurrent;
using System.Reflection;

namespace Vigil.Templating.Execution;

/// <summary>
/// A function or method the template can call, with its parameter shape worked out once:
/// fixed parameter types, and for a <c>params</c> array, the element type of the variadic tail.
/// </summary>
internal sealed class Callable
{
    private static readonly ConcurrentDictionary<MethodInfo, Callable> Cache = new();

    private readonly MethodInvoker _invoker;
    private bool? _returnsValueAndError;

    private Callable(MethodInfo method, bool extension = false, bool variadic = false)
    {
        Method = method;
        IsExtension = extension;
        var parameters = method.GetParameters().Skip(extension ? 1 : 0).ToArray();
        ParameterTypes = parameters.Select(p => p.ParameterType).ToArray();
        IsVariadic = parameters.Length > 0 && parameters[^1].ParameterType.IsArray && (variadic || parameters[^1].IsDefined(typeof(ParamArrayAttribute)));
        VariadicElement = IsVariadic ? parameters[^1].ParameterType.GetElementType() : null;
        _invoker = MethodInvoker.Create(method);
    }

    public MethodInfo Method { get; }

    /// <summary>A static method standing in for a method of its first parameter's type (e.g. Go's <c>time.Time.Format</c>).</summary>
    public bool IsExtension { get; }

    public Type[] ParameterTypes { get; }

    public bool IsVariadic { get; }

    public Type? VariadicElement { get; }

    /// <summary>Number of parameters before the variadic tail (or all of them).</summary>
    public int FixedCount => IsVariadic ? ParameterTypes.Length - 1 : ParameterTypes.Length;

    public static Callable For(MethodInfo method) => Cache.GetOrAdd(method, m => new Callable(m));

    /// <summary>
    /// The callable behind a delegate. A lambda declared with <c>params</c> carries the marker on
    /// its delegate type's <c>Invoke</c>, not on the compiled method, so both are consulted.
    /// </summary>
    public static Callable ForDelegate(Delegate fn)
    {
        var invoke = fn.GetType().GetMethod("Invoke");
        var variadic = invoke?.GetParameters() is [.., var last] && last.IsDefined(typeof(ParamArrayAttribute));
        return variadic ? new Callable(fn.Method, variadic: true) : For(fn.Method);
    }

    /// <summary>Wraps a static method whose first parameter receives the value the method is called on.</summary>
    public static Callable ForExtension(MethodInfo method) => new(method, extension: true);

    /// <summary>Invokes with already-converted arguments, packing the variadic tail into its array.</summary>
    public object? Invoke(object? target, object?[] args)
    {
        var packed = Pack(args);
        if (IsExtension)
        {
            packed = [target, .. packed];
            target = null;
        }
        try
        {
            var result = _invoker.Invoke(target, packed.AsSpan());
            return ReturnsValueAndError ? Unpack((System.Runtime.CompilerServices.ITuple)result!) : result;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Whether the method returns Go's <c>(value, error)</c> pair as a <c>(T, Exception?)</c> tuple.</summary>
    private bool ReturnsValueAndError => _returnsValueAndError ??= Method.ReturnType.IsGenericType && Method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTuple<,>)
        && typeof(Exception).IsAssignableFrom(Method.ReturnType.GetGenericArguments()[1]);

    private static object? Unpack(System.Runtime.CompilerServices.ITuple pair)
    {
        if (pair[1] is Exception error)
        {
            throw error;
        }
        return pair[0];
    }

    private object?[] Pack(object?[] args)
    {
        if (!IsVariadic)
        {
            return args;
        }
        var tail = Array.CreateInstance(VariadicElement!, args.Length - FixedCount);
        for (var i = 0; i < tail.Length; i++)
        {
            tail.SetValue(args[FixedCount + i], i);
        }
        var packed = new object?[ParameterTypes.Length];
        Array.Copy(args, packed, FixedCount);
        packed[^1] = tail;
        return packed;
    }
}
