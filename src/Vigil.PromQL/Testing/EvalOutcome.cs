namespace Vigil.PromQL.Testing;

/// <summary>Whether an eval passed, failed or was skipped.</summary>
public enum EvalStatus
{
    /// <summary>The result matched.</summary>
    Passed,
    Failed,
    Skipped,
}

/// <summary>The outcome of one <c>eval</c> of a script.</summary>
public sealed record EvalOutcome(string File, int Line, EvalStatus Status, string Message);
