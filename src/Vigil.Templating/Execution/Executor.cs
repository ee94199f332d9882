using System.Collections;
using System.Text;
using Vigil.Templating.Formatting;
using Vigil.Templating.Parsing;

namespace Vigil.Templating.Execution;

/// <summary>
/// Executes a parsed template against data, following Go's <c>text/template</c> exec.go: one
/// instance per execution, holding the output, the variable stack and the node being evaluated
/// (for error messages).
/// </summary>
internal sealed partial class Executor
{
    private const int MaxDepth = 10000;

    /// <summary>Marks "no final argument" in a pipeline, distinct from a nil value.</summary>
    private static readonly object Missing = new();

    private readonly Func<string, Tree?> _lookup;
    private readonly FunctionMap _functions;
    private readonly FunctionMap? _overrides;
    private readonly MissingKey _missingKey;
    private readonly StringBuilder _out;
    private readonly List<(string Name, object? Value)> _vars = [];
    private Tree _tree;
    private Node? _node;
    private int _depth;

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private Executor(Tree tree, Func<string, Tree?> lookup, FunctionMap functions, FunctionMap? overrides, MissingKey missingKey, StringBuilder output)
    {
        _overrides = overrides;
        _tree = tree;
        _lookup = lookup;
        _functions = functions;
        _missingKey = missingKey;
        _out = output;
    }

    /// <summary>Runs <paramref name="tree"/> with <paramref name="data"/> as dot and <c>$</c>.</summary>
    public static string Run(Tree tree, object? data, Func<string, Tree?> lookup, FunctionMap functions, FunctionMap? overrides, MissingKey missingKey)
    {
        var output = new StringBuilder();
        var executor = new Executor(tree, lookup, functions, overrides, missingKey, output);
        executor._vars.Add(("$", data));
        executor.Walk(data, tree.Root);
        return output.ToString();
    }

    private Flow Walk(object? dot, Node node)
    {
        _node = node;
        switch (node)
        {
            case TextNode text:
                _out.Append(text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Decl.Count == 0)
                {
                    PrintValue(action, value);
                }
                return Flow.Normal;
            case ListNode list:
                return WalkList(dot, list);
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw Fail("unknown node: " + node);
        }
    }

    private Flow WalkList(object? dot, ListNode list)
    {
        foreach (var n in list.Nodes)
        {
            var flow = Walk(dot, n);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, branch.Pipe);
            if (GoValues.IsTrue(value))
            {
                return WalkList(branch.Kind == BranchKind.With ? value : dot, branch.List);
            }
            return branch.ElseList is null ? Flow.Normal : WalkList(dot, branch.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        _node = range;
        var outer = _vars.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var iterated = false;
            foreach (var (index, element) in Iterate(value, range))
            {
                iterated = true;
                if (OneIteration(range, index, element) == Flow.Break)
                {
                    break;
                }
            }
            if (!iterated && range.ElseList is not null)
            {
                return WalkList(dot, range.ElseList);
            }
            return Flow.Normal;
        }
        finally
        {
            Pop(outer);
        }
    }

    private Flow OneIteration(BranchNode range, object? index, object? element)
    {
        var decl = range.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (range.Pipe.IsAssign)
            {
                SetVar(decl[0].Ident[0], decl.Count > 1 ? index : element);
            }
            else
            {
                SetTopVar(1, element);
            }
        }
        if (decl.Count > 1)
        {
            if (range.Pipe.IsAssign)
            {
                SetVar(decl[1].Ident[0], element);
            }
            else
            {
                SetTopVar(2, index);
            }
        }
        var mark = _vars.Count;
        try
        {
            return WalkList(element, range.List);
        }
        finally
        {
            Pop(mark);
        }
    }

    private IEnumerable<(object? Index, object? Element)> Iterate(object? value, BranchNode range)
    {
        switch (value)
        {
            case null:
                yield break;
            case string:
                throw Fail("range can't iterate over " + GoFormat.FormatValue(value));
        }
        if (MapView.TryCreate(value, out var map))
        {
            foreach (var entry in map.SortedEntries().ToList())
            {
                yield return (entry.Key, entry.Value);
            }
            yield break;
        }
        if (value is IEnumerable list)
        {
            long i = 0;
            foreach (var item in list)
            {
                yield return (i++, item);
            }
            yield break;
        }
        if (GoValues.TryGetInteger(value, out var count))
        {
            if (range.Pipe.Decl.Count > 1)
            {
                throw Fail($"can't use {GoFormat.FormatValue(value)} to iterate over more than one variable");
            }
            for (long i = 0; i < count; i++)
            {
                yield return (i, i);
            }
            yield break;
        }
        throw Fail("range can't iterate over " + GoFormat.FormatValue(value));
    }

    private void WalkTemplate(object? dot, TemplateNode node)
    {
        _node = node;
        var tree = _lookup(node.Name) ?? throw Fail($"template {Vigil.Model.GoString.Quote(node.Name)} not defined");
        // The stack check keeps deep recursion an error instead of a process-killing stack overflow.
        if (_depth >= MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Fail($"exceeded maximum template depth ({MaxDepth})");
        }
        var newDot = node.Pipe is null ? null : EvalPipeline(dot, node.Pipe);
        var savedVars = _vars.ToArray();
        var savedTree = _tree;
        _vars.Clear();
        _vars.Add(("$", newDot));
        _tree = tree;
        _depth++;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            _tree = savedTree;
            _vars.Clear();
            _vars.AddRange(savedVars);
        }
    }

    private void PrintValue(Node node, object? value)
    {
        _node = node;
        switch (value)
        {
            case null:
                _out.Append("<no value>");
                return;
            case string s:
                _out.Append(s);
                return;
        }
        _out.Append(GoFormat.FormatValue(value));
    }

    private void Pop(int mark) => _vars.RemoveRange(mark, _vars.Count - mark);

    private void SetTopVar(int n, object? value) => _vars[^n] = (_vars[^n].Name, value);

    private void SetVar(string name, object? value)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value);
                return;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    private object? VarValue(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i].Value;
            }
        }
        throw Fail("undefined variable: " + name);
    }

    /// <summary>Builds Go's execution error: location, template name and the node's text.</summary>
    private TemplateExecutionException Fail(string message, Exception? inner = null)
    {
        if (_node is null)
        {
            return new TemplateExecutionException($"template: {_tree.Name}: {message}", _tree.Name, 0, 0, inner);
        }
        var (line, column) = _tree.Locate(_node.Pos);
        var context = _node.ToString();
        if (context.Length > 20)
        {
            context = string.Concat(context.EnumerateRunes().Take(20).Select(r => r.ToString())) + "...";
        }
        var text = $"template: {_tree.ParseName}:{line}:{column}: executing {Vigil.Model.GoString.Quote(_tree.Name)} at <{context}>: {message}";
        return new TemplateExecutionException(text, _tree.Name, line, column, inner);
    }
}
