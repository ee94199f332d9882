using System.Text;

namespace Vigil.Templating.Parsing;

/// <summary>A node of a parsed template; <see cref="Pos"/> is its offset in the source, for error messages.</summary>
internal abstract class Node(int pos)
{
    public int Pos { get; } = pos;

    /// <summary>
    /// Execution memo: how each field name of this node resolved on the receiver type last seen, so
    /// repeated executions skip the lookup. Entries are immutable and swapped whole, so sharing a
    /// parsed tree between threads is safe.
    /// </summary>
    public Execution.FieldSite?[]? Sites { get; set; }

    /// <summary>Renders the node back to template syntax, as Go does in error contexts.</summary>
    public abstract override string ToString();
}

/// <summary>A sequence of nodes.</summary>
internal sealed class ListNode(int pos) : Node(pos)
{
    public List<Node> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes.Select(n => n.ToString()));
}

/// <summary>Plain text outside actions.</summary>
internal sealed class TextNode(int pos, string text) : Node(pos)
{
    public string Text { get; } = text;

    public override string ToString() => Vigil.Model.GoString.Quote(Text);
}

/// <summary>A <c>{{pipeline}}</c> whose value is printed unless it declares variables.</summary>
internal sealed class ActionNode(int pos, int line, PipeNode pipe) : Node(pos)
{
    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}

/// <summary>A pipeline, optionally declaring or assigning variables: <c>$x := a | b c</c>.</summary>
internal sealed class PipeNode(int pos, int line, bool isAssign, List<VariableNode> decl) : Node(pos)
{
    public int Line { get; } = line;

    public bool IsAssign { get; set; } = isAssign;

    public List<VariableNode> Decl { get; } = decl;

    public List<CommandNode> Commands { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Decl.Count > 0)
        {
            sb.Append(string.Join(", ", Decl)).Append(IsAssign ? " = " : " := ");
        }
        return sb.Append(string.Join(" | ", Commands)).ToString();
    }
}

/// <summary>One command of a pipeline: an operand or a function/method with arguments.</summary>
internal sealed class CommandNode(int pos) : Node(pos)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(" ", Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}

/// <summary>A function name.</summary>
internal sealed class IdentifierNode(int pos, string name) : Node(pos)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}

/// <summary>A variable with an optional field chain: <c>$x.A.B</c>; <c>Ident[0]</c> is the variable name.</summary>
internal sealed class VariableNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Join(".", Ident);
}

/// <summary>The cursor <c>.</c>.</summary>
internal sealed class DotNode(int pos) : Node(pos)
{
    public override string ToString() => ".";
}

/// <summary>The untyped <c>nil</c>.</summary>
internal sealed class NilNode(int pos) : Node(pos)
{
    public override string ToString() => "nil";
}

/// <summary>A field chain on the cursor: <c>.A.B</c>.</summary>
internal sealed class FieldNode(int pos, string[] ident) : Node(pos)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => "." + string.Join(".", Ident);
}

/// <summary>A field chain on another term: <c>(pipe).A.B</c>.</summary>
internal sealed class ChainNode(int pos, Node node) : Node(pos)
{
    public Node Node { get; } = node;

    public List<string> Fields { get; } = [];

    /// <summary><see cref="Fields"/> as an array, built once for execution.</summary>
    public string[] FieldArray => _fieldArray ??= [.. Fields];

    private string[]? _fieldArray;

    public override string ToString()
    {
        var head = Node is PipeNode ? "(" + Node + ")" : Node.ToString();
        return head + string.Concat(Fields.Select(f => "." + f));
    }
}

/// <summary>A boolean constant.</summary>
internal sealed class BoolNode(int pos, bool value) : Node(pos)
{
    public bool Value { get; } = value;

    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A string constant; <see cref="Quoted"/> keeps the source spelling.</summary>
internal sealed class StringNode(int pos, string quoted, string text) : Node(pos)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override string ToString() => Quoted;
}

/// <summary>Marks the end of a control structure while parsing; never part of a finished tree.</summary>
internal sealed class EndNode(int pos) : Node(pos)
{
    public override string ToString() => "{{end}}";
}

/// <summary>Marks an <c>{{else}}</c> while parsing; never part of a finished tree.</summary>
internal sealed class ElseNode(int pos, int line) : Node(pos)
{
    public int Line { get; } = line;

    public override string ToString() => "{{else}}";
}

/// <summary><c>{{break}}</c> inside a range.</summary>
internal sealed class BreakNode(int pos) : Node(pos)
{
    public override string ToString() => "{{break}}";
}

/// <summary><c>{{continue}}</c> inside a range.</summary>
internal sealed class ContinueNode(int pos) : Node(pos)
{
    public override string ToString() => "{{continue}}";
}

/// <summary>The kinds of control structure that share <see cref="BranchNode"/>.</summary>
internal enum BranchKind
{
    If,
    Range,
    With,
}

/// <summary><c>if</c>, <c>range</c> or <c>with</c>: a pipeline, a body and an optional else body.</summary>
internal sealed class BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos)
{
    public BranchKind Kind { get; } = kind;

    public int Line { get; } = line;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        var name = Kind.ToString().ToLowerInvariant();
        var sb = new StringBuilder().Append("{{").Append(name).Append(' ').Append(Pipe).Append("}}").Append(List);
        if (ElseList is not null)
        {
            sb.Append("{{else}}").Append(ElseList);
        }
        return sb.Append("{{end}}").ToString();
    }
}

/// <summary><c>{{template "name" pipeline}}</c>.</summary>
internal sealed class TemplateNode(int pos, int line, string name, PipeNode? pipe) : Node(pos)
{
    public int Line { get; } = line;

    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        Pipe is null ? "{{template " + Vigil.Model.GoString.Quote(Name) + "}}" : "{{template " + Vigil.Model.GoString.Quote(Name) + " " + Pipe + "}}";
}
