using Vigil.Model;
using Vigil.Templating.Parsing;

namespace Vigil.Templating.Execution;

/// <summary>Pipelines, commands, fields and variables.</summary>
internal sealed partial class Executor
{
    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        _node = pipe;
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Fail(_depth > 0 ? $"exceeded maximum template depth ({MaxDepth})" : "expression nested too deeply");
        }
        var value = Missing;
        foreach (var cmd in pipe.Commands)
        {
            value = EvalCommand(dot, cmd, value);
        }
        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                _vars.Add((variable.Ident[0], value));
            }
        }
        return value;
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldNode(dot, field, cmd.Args, final);
            case ChainNode chain:
                return EvalChainNode(dot, chain, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, cmd.Args, final);
        }
        _node = first;
        NotAFunction(cmd.Args, final);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Fail("nil is not a command"),
            NumberNode n => IdealConstant(n),
            StringNode s => s.Text,
            _ => throw Fail($"can't evaluate command {GoString.Quote(first.ToString())}"),
        };
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != Missing)
        {
            throw Fail("can't give argument to non-function " + args[0]);
        }
    }

    private object? IdealConstant(NumberNode n)
    {
        _node = n;
        if (n.IsFloat && !n.IsChar && !IsHexInt(n.Text) && n.Text.AsSpan().ContainsAny(".eEpP"))
        {
            return n.Float64;
        }
        if (n.IsInt)
        {
            return n.Int64;
        }
        if (n.IsUint)
        {
            throw Fail(n.Text + " overflows int");
        }
        return null;
    }

    private static bool IsHexInt(string s) =>
        s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !s.AsSpan().ContainsAny("pP");

    private object? EvalFieldNode(object? dot, FieldNode field, List<Node>? args, object? final)
    {
        _node = field;
        return EvalFieldChain(dot, dot, field, field.Ident, 0, args, final);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        _node = chain;
        if (chain.Node is NilNode)
        {
            throw Fail("indirection through explicit nil in " + chain);
        }
        var receiver = EvalArg(dot, null, chain.Node);
        return EvalFieldChain(dot, receiver, chain, chain.FieldArray, 0, args, final);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        _node = variable;
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args ?? [variable], final);
            return value;
        }
        return EvalFieldChain(dot, value, variable, variable.Ident, 1, args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, string[] ident, int start, List<Node>? args, object? final)
    {
        for (var i = start; i < ident.Length - 1; i++)
        {
            receiver = EvalField(dot, ident, i, node, null, Missing, receiver);
        }
        return EvalField(dot, ident, ident.Length - 1, node, args, final, receiver);
    }

    private object? EvalField(object? dot, string[] ident, int slot, Node node, List<Node>? args, object? final, object? receiver)
    {
        var name = ident[slot];
        if (receiver is null)
        {
            if (_missingKey == MissingKey.Error)
            {
                throw Fail($"nil data; no entry for key {GoString.Quote(name)}");
            }
            return null;
        }
        var site = Site(node, ident.Length, slot, receiver.GetType(), name);
        var member = site.Member;
        if (member.Methods.Length > 0)
        {
            return EvalCall(dot, member, receiver, node, name, args, final);
        }
        var hasArgs = (args?.Count ?? 0) > 1 || final != Missing;
        if (member.Getter is { } getter)
        {
            if (hasArgs)
            {
                throw Fail($"{name} has arguments but cannot be invoked as function");
            }
            return getter(receiver);
        }
        if (site.Lookup is { } lookup)
        {
            if (hasArgs)
            {
                throw Fail($"{name} is not a method but has arguments");
            }
            return lookup.TryGet(receiver, name, out var value) ? value : MissingValue(lookup, name);
        }
        throw Fail($"can't evaluate field {name} in type {GoTypeNames.Of(site.Type)}");
    }

    private static FieldSite Site(Node node, int length, int slot, Type type, string name)
    {
        var sites = node.Sites;
        if (sites is null || sites.Length != length)
        {
            sites = new FieldSite?[length];
            node.Sites = sites;
        }
        var site = sites[slot];
        if (site is null || site.Type != type)
        {
            site = new FieldSite(type, MemberCache.Resolve(type, name), StringKeyLookup.For(type));
            sites[slot] = site;
        }
        return site;
    }

    private object? MissingValue(StringKeyLookup lookup, string key)
    {
        return _missingKey switch
        {
            MissingKey.Zero => lookup.Zero,
            MissingKey.Error => throw Fail($"map has no entry for key {GoString.Quote(key)}"),
            _ => null,
        };
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node cmd, List<Node>? args, object? final)
    {
        _node = node;
        if ((_overrides is not null && _overrides.TryGet(node.Name, out var fn)) || _functions.TryGet(node.Name, out fn))
        {
            return EvalCall(dot, fn.Callable, fn.Target, cmd, node.Name, args, final);
        }
        if (Builtins.TryGet(node.Name, out var builtin))
        {
            return EvalBuiltin(dot, builtin, cmd, node.Name, args, final);
        }
        throw Fail($"{GoString.Quote(node.Name)} is not a defined function");
    }
}
