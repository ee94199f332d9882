using System.Collections.Concurrent;
using Vigil.Templating.Execution;
using Vigil.Templating.Parsing;

namespace Vigil.Templating;

/// <summary>
/// A namespace of named templates sharing one function map, like Go's <c>*template.Template</c>.
/// Parse at configuration time, then execute concurrently from any thread.
/// </summary>
public sealed class TemplateSet
{
    private const int MaxCachedTexts = 4096;

    private readonly FunctionMap _functions;
    private readonly ConcurrentDictionary<string, Tree> _trees;
    private readonly ConcurrentDictionary<string, List<Tree>> _texts;
    private MissingKey _missingKey;

    /// <summary>Creates an empty set; <paramref name="functions"/> is copied, so later changes to it do not leak in.</summary>
    public TemplateSet(FunctionMap functions)
        : this(functions.Clone(), new ConcurrentDictionary<string, Tree>(StringComparer.Ordinal), new ConcurrentDictionary<string, List<Tree>>(StringComparer.Ordinal), MissingKey.Default)
    {
    }

    private TemplateSet(FunctionMap functions, ConcurrentDictionary<string, Tree> trees, ConcurrentDictionary<string, List<Tree>> texts, MissingKey missingKey)
    {
        _functions = functions;
        _trees = trees;
        _texts = texts;
        _missingKey = missingKey;
    }

    /// <summary>The names of the templates defined so far.</summary>
    public IReadOnlyCollection<string> Names => _trees.Keys.ToArray();

    /// <summary>
    /// Sets an option as Go's <c>Template.Option</c> does: <c>missingkey=default|invalid|zero|error</c>.
    /// Alertmanager and Prometheus run with <c>missingkey=zero</c>.
    /// </summary>
    public TemplateSet Option(string option)
    {
        _missingKey = option switch
        {
            "missingkey=default" or "missingkey=invalid" => MissingKey.Default,
            "missingkey=zero" => MissingKey.Zero,
            "missingkey=error" => MissingKey.Error,
            _ when option.StartsWith("missingkey=", StringComparison.Ordinal) => throw new ArgumentException("unrecognized option: " + option, nameof(option)),
            _ => throw new ArgumentException("unrecognized option: " + option, nameof(option)),
        };
        return this;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as template <paramref name="name"/>, adding it and every
    /// <c>define</c>/<c>block</c> inside. An empty body does not replace an existing template of the
    /// same name. Throws <see cref="TemplateParseException"/>.
    /// </summary>
    public void Parse(string name, string text)
    {
        foreach (var tree in Parser.Parse(name, text, HasFunction))
        {
            if (tree.IsEmpty() && _trees.ContainsKey(tree.Name))
            {
                continue;
            }
            _trees[tree.Name] = tree;
        }
    }

    /// <summary>Whether a template called <paramref name="name"/> is defined.</summary>
    public bool Has(string name) => _trees.ContainsKey(name);

    /// <summary>Executes template <paramref name="name"/> with <paramref name="data"/> as dot. Throws <see cref="TemplateExecutionException"/>.</summary>
    public string Execute(string name, object? data) => Execute(name, data, null);

    /// <summary>
    /// Executes template <paramref name="name"/>, with <paramref name="overrides"/> taking precedence
    /// over the set's functions for this execution only (e.g. a function bound to this notification).
    /// </summary>
    public string Execute(string name, object? data, FunctionMap? overrides)
    {
        if (!_trees.TryGetValue(name, out var tree))
        {
            throw new TemplateExecutionException($"template: no template {Vigil.Model.GoString.Quote(name)} associated with template \"\"", name, 0, 0);
        }
        return Executor.Run(tree, data, Lookup, _functions, overrides, _missingKey);
    }

    /// <summary>
    /// Parses <paramref name="text"/> as an anonymous template (name "") that can call this set's
    /// templates, and executes it. Parsed texts are cached, since this runs per notification.
    /// </summary>
    public string ExecuteText(string text, object? data) => ExecuteText(text, data, null);

    /// <summary><see cref="ExecuteText(string, object?)"/> with per-execution function overrides.</summary>
    public string ExecuteText(string text, object? data, FunctionMap? overrides)
    {
        if (text.Length == 0)
        {
            return "";
        }
        var trees = ParseText(text);
        if (trees.Count == 1)
        {
            return Executor.Run(trees[0], data, Lookup, _functions, overrides, _missingKey);
        }
        var local = trees.Skip(1).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        return Executor.Run(trees[0], data, n => local.TryGetValue(n, out var t) ? t : Lookup(n), _functions, overrides, _missingKey);
    }

    /// <summary>Parses <paramref name="text"/> as ExecuteText would, to report errors early (e.g. at config load).</summary>
    public void CheckText(string text) => ParseText(text);

    /// <summary>A copy whose later <see cref="Parse"/> calls do not affect this set.</summary>
    public TemplateSet Clone() =>
        new(_functions, new ConcurrentDictionary<string, Tree>(_trees, StringComparer.Ordinal), _texts, _missingKey);

    private List<Tree> ParseText(string text)
    {
        if (_texts.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var trees = Parser.Parse("", text, HasFunction);
        if (_texts.Count >= MaxCachedTexts)
        {
            _texts.Clear();
        }
        _texts[text] = trees;
        return trees;
    }

    private Tree? Lookup(string name) => _trees.TryGetValue(name, out var tree) ? tree : null;

    private bool HasFunction(string name) => _functions.Contains(name) || Builtins.Has(name);
}
