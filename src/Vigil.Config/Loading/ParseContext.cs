using YamlDotNet.RepresentationModel;

namespace Vigil.Config.Loading;

/// <summary>
/// State shared by every section reader while one file loads: the file name, its raw lines (to look
/// behind YAML's back, e.g. for a <c>#</c> that started a comment) and the findings collected so far.
/// </summary>
public sealed class ParseContext
{
    private readonly List<ConfigFinding> _errors = [];
    private readonly List<ConfigFinding> _warnings = [];
    private readonly string[] _lines;

    /// <summary>Starts loading <paramref name="file"/> whose content is <paramref name="text"/>.</summary>
    /// <param name="file">The file name used in findings.</param>
    /// <param name="text">The file's content.</param>
    /// <param name="rules">What this kind of file knows about misplaced keys and secrets.</param>
    public ParseContext(string file, string text, IKeyRules rules)
    {
        File = file;
        Rules = rules;
        _lines = text.Split('\n');
        BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? "";
    }

    /// <summary>The config file's directory: relative template and http_config file paths resolve against it.</summary>
    public string BaseDirectory { get; }

    /// <summary>Resolves a relative path against <see cref="BaseDirectory"/>, as upstream does for http_config files.</summary>
    public string Resolve(string path) => path.Length == 0 || Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path);

    /// <summary>What this kind of file knows about misplaced keys and secrets.</summary>
    public IKeyRules Rules { get; }

    /// <summary>The file name used in findings.</summary>
    public string File { get; }

    /// <summary>The errors so far, in file order.</summary>
    public IReadOnlyList<ConfigFinding> Errors => Sorted(_errors);

    /// <summary>The warnings so far, in file order.</summary>
    public IReadOnlyList<ConfigFinding> Warnings => Sorted(_warnings);

    /// <summary>Whether any error was reported.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Reports an error at <paramref name="node"/>.</summary>
    public void Error(YamlNode node, string field, string message, string? hint = null) =>
        _errors.Add(At(node, field, message, hint));

    /// <summary>Reports an error at a line and column.</summary>
    public void Error(int line, int column, string field, string message, string? hint = null) =>
        _errors.Add(new ConfigFinding(File, line, column, field, message, hint));

    /// <summary>Reports a warning at <paramref name="node"/>.</summary>
    public void Warn(YamlNode node, string field, string message, string? hint = null) =>
        _warnings.Add(At(node, field, message, hint));

    /// <summary>Reports a warning at a line and column.</summary>
    public void Warn(int line, int column, string field, string message, string? hint = null) =>
        _warnings.Add(new ConfigFinding(File, line, column, field, message, hint));

    /// <summary>How many lines the file has.</summary>
    public int LineCount => _lines.Length;

    /// <summary>The raw text of a 1-based line, without the line break; empty when out of range.</summary>
    public string SourceLine(int line) =>
        line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : "";

    private ConfigFinding At(YamlNode node, string field, string message, string? hint) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, field, message, hint);

    // Findings are reported in file order whatever order the readers visited the sections in.
    private static List<ConfigFinding> Sorted(List<ConfigFinding> list) =>
        list.Distinct().OrderBy(f => f.Line).ThenBy(f => f.Column).ToList();
}
