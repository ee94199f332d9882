using System.Collections;
using System.Globalization;
using Vigil.Templating.Parsing;

namespace Vigil.Templating.Execution;

/// <summary>Calls of functions and methods: arity checks, argument conversion, error wrapping.</summary>
internal sealed partial class Executor
{
    private object? EvalCall(object? dot, Member member, object receiver, Node node, string name, List<Node>? args, object? final)
    {
        var count = Math.Max((args?.Count ?? 1) - 1, 0) + (final != Missing ? 1 : 0);
        return EvalCall(dot, member.MethodFor(count)!, receiver, node, name, args, final);
    }

    private object? EvalCall(object? dot, Callable fn, object? target, Node node, string name, List<Node>? args, object? final)
    {
        var argv = EvalCallArgs(dot, fn, name, args, final);
        try
        {
            return fn.Invoke(target, argv);
        }
        catch (TemplateExecutionException)
        {
            throw;
        }
        catch (Exception e)
        {
            _node = node;
            throw Fail($"error calling {name}: {e.Message}", e);
        }
    }

    private object?[] EvalCallArgs(object? dot, Callable fn, string name, List<Node>? args, object? final)
    {
        var given = args is null ? 0 : Math.Max(args.Count - 1, 0);
        var numIn = given + (final != Missing ? 1 : 0);
        var types = fn.ParameterTypes;
        if (fn.IsVariadic)
        {
            if (numIn < fn.FixedCount)
            {
                throw Fail($"wrong number of args for {name}: want at least {fn.FixedCount} got {given}");
            }
        }
        else if (numIn != types.Length)
        {
            throw Fail($"wrong number of args for {name}: want {types.Length} got {numIn}");
        }
        var argv = new object?[numIn];
        var i = 0;
        for (; i < fn.FixedCount && i < given; i++)
        {
            argv[i] = EvalArg(dot, types[i], args![i + 1]);
        }
        for (; i < given; i++)
        {
            argv[i] = EvalArg(dot, fn.VariadicElement, args![i + 1]);
        }
        if (final != Missing)
        {
            var t = !fn.IsVariadic || numIn - 1 < fn.FixedCount ? types[numIn - 1] : fn.VariadicElement;
            argv[i] = ValidateType(final, t);
        }
        return argv;
    }

    private object? EvalArg(object? dot, Type? type, Node n)
    {
        _node = n;
        switch (n)
        {
            case DotNode:
                return ValidateType(dot, type);
            case NilNode:
                return CanBeNil(type) ? null : throw Fail("cannot assign nil to " + GoTypeNames.Of(type!));
            case FieldNode field:
                return ValidateType(EvalFieldNode(dot, field, [n], Missing), type);
            case VariableNode variable:
                return ValidateType(EvalVariableNode(dot, variable, null, Missing), type);
            case PipeNode pipe:
                return ValidateType(EvalPipeline(dot, pipe), type);
            case IdentifierNode id:
                return ValidateType(EvalFunction(dot, id, id, null, Missing), type);
            case ChainNode chain:
                return ValidateType(EvalChainNode(dot, chain, null, Missing), type);
        }
        return EvalConstant(type, n);
    }

    private object? EvalConstant(Type? type, Node n)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null || type == typeof(object))
        {
            return n switch
            {
                BoolNode b => b.Value,
                NumberNode num => IdealConstant(num),
                StringNode s => s.Text,
                _ => throw Fail($"can't handle {n} for arg of type interface {{}}"),
            };
        }
        if (type == typeof(bool))
        {
            return n is BoolNode b ? b.Value : throw Fail("expected bool; found " + n);
        }
        if (type == typeof(string))
        {
            return n is StringNode s ? s.Text : throw Fail("expected string; found " + n);
        }
        if (IsIntegerType(type))
        {
            return n is NumberNode { IsInt: true } num ? ConvertNumber(num.Int64, type, num.Text) : throw Fail("expected integer; found " + n);
        }
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return n is NumberNode { IsFloat: true } num ? ConvertNumber(num.Float64, type, num.Text) : throw Fail("expected float; found " + n);
        }
        throw Fail($"can't handle {n} for arg of type {GoTypeNames.Of(type)}");
    }

    private object ConvertNumber(object value, Type type, string text)
    {
        try
        {
            return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw Fail($"{text} overflows {GoTypeNames.Of(type)}");
        }
    }

    /// <summary>Checks a computed value against a parameter type, converting where Go's value would fit.</summary>
    private object? ValidateType(object? value, Type? type)
    {
        if (type is null || type == typeof(object))
        {
            return value;
        }
        if (value is null)
        {
            return CanBeNil(type) ? null : throw Fail("invalid value; expected " + GoTypeNames.Of(type));
        }
        if (type.IsInstanceOfType(value))
        {
            return value;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (TryConvert(value, target, out var converted))
        {
            return converted;
        }
        throw Fail($"wrong type for value; expected {GoTypeNames.Of(type)}; got {GoTypeNames.Of(value.GetType())}");
    }

    /// <summary>Numeric widening and collection-to-array conversions that C# needs but Go's types make implicit.</summary>
    private static bool TryConvert(object value, Type type, out object? converted)
    {
        converted = null;
        if (type == typeof(DateTimeOffset) && value is DateTime or Formatting.ZonedTime)
        {
            converted = value is DateTime dt ? GoValues.ToOffset(dt) : ((Formatting.ZonedTime)value).Time;
            return true;
        }
        var numeric = GoValues.TryGetInteger(value, out _) || GoValues.IsFloat(value);
        if (numeric && (IsIntegerType(type) || type == typeof(double) || type == typeof(float) || type == typeof(decimal)))
        {
            if (IsIntegerType(type) && GoValues.IsFloat(value))
            {
                return false;
            }
            try
            {
                converted = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
        if (value is IEnumerable items && value is not string && CollectionElement(type) is { } element)
        {
            var list = items.Cast<object?>().ToList();
            if (!list.All(x => x is null ? CanBeNil(element) : element.IsInstanceOfType(x)))
            {
                return false;
            }
            var array = Array.CreateInstance(element, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                array.SetValue(list[i], i);
            }
            converted = type.IsArray ? array : Activator.CreateInstance(type, array);
            return true;
        }
        return false;
    }

    /// <summary>The element type when <paramref name="type"/> is an array or a <c>List&lt;T&gt;</c> a sequence can be copied into.</summary>
    private static Type? CollectionElement(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
    }

    private static bool IsIntegerType(Type t) => Type.GetTypeCode(t) is TypeCode.Int64 or TypeCode.Int32 or TypeCode.Int16
        or TypeCode.SByte or TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;

    private static bool CanBeNil(Type? type) =>
        type is null || Nullable.GetUnderlyingType(type) is not null || (!type.IsValueType && type != typeof(string));
}
