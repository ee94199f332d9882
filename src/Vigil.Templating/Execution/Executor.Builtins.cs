using Vigil.Templating.Parsing;

namespace Vigil.Templating.Execution;

/// <summary>Builtins that need the evaluator: short-circuit <c>and</c>/<c>or</c>, and <c>call</c>'s error context.</summary>
internal sealed partial class Executor
{
    private object? EvalBuiltin(object? dot, Callable fn, Node cmd, string name, List<Node>? args, object? final)
    {
        if (name is "and" or "or")
        {
            return EvalAndOr(dot, name, args, final);
        }
        if (name == "call")
        {
            var argv = EvalCallArgs(dot, fn, name, args, final);
            var callee = args is { Count: > 1 } ? args[1].ToString() : Formatting.GoFormat.FormatValue(final);
            return Invoke(cmd, name, () => Indexing.Call(callee, argv[0], argv[1..]));
        }
        return EvalCall(dot, fn, null, cmd, name, args, final);
    }

    private object? EvalAndOr(object? dot, string name, List<Node>? args, object? final)
    {
        var given = args is null ? 0 : args.Count - 1;
        if (given + (final != Missing ? 1 : 0) < 1)
        {
            throw Fail($"wrong number of args for {name}: want at least 1 got {given}");
        }
        object? value = null;
        for (var i = 1; i <= given; i++)
        {
            value = EvalArg(dot, null, args![i]);
            if (GoValues.IsTrue(value) == (name == "or"))
            {
                return value;
            }
        }
        return final != Missing ? final : value;
    }

    private object? Invoke(Node node, string name, Func<object?> call)
    {
        try
        {
            return call();
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
}
