using Vigil.Model.Labels;

namespace Vigil.PromQL.Testing;

/// <summary>A command of a PromQL test script.</summary>
public abstract record ScriptCommand(int Line);

/// <summary><c>load &lt;interval&gt;</c> with its series.</summary>
public sealed record LoadCommand(int Line, long IntervalMs, List<(LabelSet Labels, List<SequenceValue> Values)> Series, bool WithNhcb) : ScriptCommand(Line)
{
    /// <summary>Per index into <see cref="Series"/>: the start-timestamp offset (ms) of each sample, null where it has none.</summary>
    public Dictionary<int, List<long?>> StartOffsets { get; init; } = [];
}

/// <summary><c>clear</c>: drops all data.</summary>
public sealed record ClearCommand(int Line) : ScriptCommand(Line);

/// <summary>An expectation line such as <c>expect warn msg: ...</c>.</summary>
public sealed record Expectation(string Kind, string? Message, string? Regex);

/// <summary>An <c>eval</c> command with what it expects.</summary>
public sealed record EvalCommand(int Line, string Query) : ScriptCommand(Line)
{
    public bool IsRange { get; init; }

    public long Start { get; init; }

    public long End { get; init; }

    public long Step { get; init; }

    public List<Expectation> Expectations { get; } = [];

    public List<(LabelSet Labels, List<SequenceValue> Values)> Series { get; } = [];

    public double? Scalar { get; set; }

    public string? String { get; set; }

    /// <summary>For instant queries returning a range vector: the expected point grid.</summary>
    public (long From, long To, long Step)? RangeVector { get; set; }

    public bool Expects(string kind) => Expectations.Any(e => e.Kind == kind);

    public bool HasHistograms { get; set; }
}
