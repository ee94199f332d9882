using Vigil.PromQL.Engine;

namespace Vigil.Rules.Evaluation;

/// <summary>A rule a group evaluates: alerting or recording.</summary>
public interface IRule
{
    /// <summary>The alert name or recorded metric name.</summary>
    string Name { get; }

    /// <summary>The PromQL expression, as written in the rule file.</summary>
    string Expr { get; }

    /// <summary>The expression printed as canonical PromQL, as upstream shows it in alert links and the rules API.</summary>
    string Query { get; }

    /// <summary>Health, last error and timing of the latest evaluation.</summary>
    RuleHealthInfo Health { get; }

    /// <summary>
    /// Evaluates at <paramref name="ts"/> (querying at ts minus <paramref name="queryOffset"/>) and returns the
    /// samples to store. Failures throw <see cref="RuleEvaluationException"/> or the query's own exception.
    /// </summary>
    IReadOnlyList<VectorSample> Eval(DateTimeOffset ts, TimeSpan queryOffset, RuleContext context, long limit);
}

/// <summary>Upstream's rule health values.</summary>
public enum RuleHealth
{
    /// <summary>Not evaluated yet.</summary>
    Unknown,

    /// <summary>The latest evaluation succeeded.</summary>
    Ok,

    /// <summary>The latest evaluation failed; see the last error.</summary>
    Err,
}

/// <summary>What <c>/api/v1/rules</c> reports per rule.</summary>
/// <remarks>
/// Written by the group's loop, read by the API on other threads: each evaluation's values are published as
/// one immutable <see cref="RuleHealthSnapshot"/>, so a reader taking <see cref="Current"/> never mixes the
/// health of one evaluation with the error or time of another.
/// </remarks>
public sealed class RuleHealthInfo
{
    private volatile RuleHealthSnapshot _current = new(RuleHealth.Unknown, null, default, TimeSpan.Zero);

    /// <summary>The latest evaluation's values, all from that one evaluation.</summary>
    public RuleHealthSnapshot Current => _current;

    /// <summary>The health after the latest evaluation.</summary>
    public RuleHealth Health => _current.Health;

    /// <summary>The latest evaluation's error, or null.</summary>
    public string? LastError => _current.LastError;

    /// <summary>When the latest evaluation ran (its slot time).</summary>
    public DateTimeOffset LastEvaluation => _current.LastEvaluation;

    /// <summary>How long the latest evaluation took.</summary>
    public TimeSpan EvaluationDuration => _current.EvaluationDuration;

    /// <summary>Upstream's health strings: <c>ok</c>, <c>err</c>, <c>unknown</c>.</summary>
    public string HealthName => _current.HealthName;

    internal void Record(DateTimeOffset at, TimeSpan took, string? error) =>
        _current = new RuleHealthSnapshot(error is null ? RuleHealth.Ok : RuleHealth.Err, error, at, took);
}

/// <summary>One evaluation's health, error, slot time and duration.</summary>
public sealed record RuleHealthSnapshot(RuleHealth Health, string? LastError, DateTimeOffset LastEvaluation, TimeSpan EvaluationDuration)
{
    /// <summary>Upstream's health strings: <c>ok</c>, <c>err</c>, <c>unknown</c>.</summary>
    public string HealthName => Health switch
    {
        RuleHealth.Ok => "ok",
        RuleHealth.Err => "err",
        _ => "unknown",
    };
}

/// <summary>A rule evaluation failed for a reason of the rule's own (limit, duplicate labels, wrong result type).</summary>
public sealed class RuleEvaluationException(string message) : Exception(message);
