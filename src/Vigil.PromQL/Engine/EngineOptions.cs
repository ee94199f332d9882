using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>Engine settings with upstream's defaults.</summary>
public sealed record EngineOptions
{
    /// <summary>How far back an instant selector looks for a sample (upstream: 5m).</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The step of subqueries written without one (upstream: the evaluation interval, 1m).</summary>
    public TimeSpan DefaultSubqueryStep { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most samples a query may hold in memory at once (upstream's <c>--query.max-samples</c>): the samples
    /// a step has loaded plus, for range queries, the points already in the result; 0 means unlimited.
    /// </summary>
    public int MaxSamples { get; init; } = 50_000_000;

    /// <summary>How long a query may run (upstream's <c>--query.timeout</c>, 2m).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Upstream's <c>promql-delayed-name-removal</c> feature: operations that drop the metric name only mark the
    /// series, and the name goes at the end of the query, so <c>label_replace</c> can still keep it and series
    /// that differ only by name do not collide midway. Off by default, as upstream.
    /// </summary>
    public bool EnableDelayedNameRemoval { get; init; }

    /// <summary>
    /// Upstream's <c>use-start-timestamps</c> feature: <c>rate</c>, <c>increase</c>, <c>irate</c> and <c>resets</c>
    /// use the start timestamps a storage keeps (<see cref="Vigil.Storage.IStartTimestampSource"/>) to find
    /// resets and where a counter started, and <c>start_timestamp()</c> returns them. Off by default, as upstream.
    /// </summary>
    public bool UseStartTimestamps { get; init; }

    /// <summary>
    /// Which experimental language features queries may use (upstream's <c>promql-experimental-functions</c>,
    /// <c>promql-extended-range-selectors</c>, ...); upstream's defaults when omitted.
    /// </summary>
    public ParserOptions Parser { get; init; } = ParserOptions.Default;

    /// <summary>The clock the timeout is measured on; tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
