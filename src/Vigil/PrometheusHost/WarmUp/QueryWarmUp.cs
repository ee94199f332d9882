using System.Buffers;
using System.Runtime;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Vigil.Api.Logging;
using Vigil.Api.Prometheus;
using Vigil.PromQL.Engine;
using Vigil.Tsdb.Head;

namespace Vigil.PrometheusHost.WarmUp;

/// <summary>
/// Runs representative PromQL queries against a small made-up data set (<see cref="WarmUpData"/>, in a head of
/// its own) in the background after start-up, so the query path is compiled and optimised by tiered JIT before
/// the first user query. Without it the first few queries after start run code the JIT has not optimised yet:
/// generic code over our value types is never precompiled, and precompiled code is only re-optimised once it has
/// been called often enough. See docs/promql.md ("First queries after start").
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="QueryWarmUpOptions.MaxRounds"/> rounds over a few hundred samples per query, and
/// after every round a pause at least as long as the round, so it never takes more than half of one core.
/// It reads nothing of the user's data and writes nothing anywhere.
/// </remarks>
public sealed class QueryWarmUp
{
    /// <summary>Dashboard-style range queries (1h at 15s), the shapes users and Grafana send most.</summary>
    internal static readonly string[] RangeQueries =
    [
        "sum by (job) (rate(warmup_requests_total[5m]))",
        "sum without (instance, code) (increase(warmup_requests_total[10m]))",
        "irate(warmup_requests_total[1m])",
        "histogram_quantile(0.9, sum by (le, job) (rate(warmup_duration_seconds_bucket[5m])))",
        "topk(3, rate(warmup_requests_total[5m]))",
        "avg_over_time(warmup_load[10m])",
        "max_over_time(warmup_load[5m])",
        "sum without (instance) (warmup_load > 0.5)",
        "avg by (job) (warmup_load) * 100",
        "count by (job) (warmup_load)",
        "sum by (job) (rate(warmup_requests_total{code=\"500\"}[5m])) / sum by (job) (rate(warmup_requests_total[5m]))",
        "warmup_load",
    ];

    /// <summary>Instant queries, the shape of rule evaluations.</summary>
    internal static readonly string[] InstantQueries =
    [
        "sum by (job) (rate(warmup_requests_total[5m])) > 0",
        "avg_over_time(warmup_load[5m]) > 0.5",
        "histogram_quantile(0.99, sum by (le) (rate(warmup_duration_seconds_bucket[5m])))",
        "warmup_load",
    ];

    private const long RangeMs = 3_600_000;

    private readonly QueryWarmUpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a warm-up; nothing runs until <see cref="RunAsync"/>.</summary>
    public QueryWarmUp(QueryWarmUpOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts <see cref="RunAsync"/> on the thread pool and returns at once.</summary>
    public Task<QueryWarmUpSummary> Start(CancellationToken cancel) => Task.Run(() => RunAsync(cancel), CancellationToken.None);

    /// <summary>
    /// Runs the rounds; returns what it did. Never throws: a failing query is logged (it would be a bug in
    /// the engine, not a reason to stop the server) and ends the warm-up; cancellation ends it quietly.
    /// </summary>
    public async Task<QueryWarmUpSummary> RunAsync(CancellationToken cancel)
    {
        var started = _time.GetTimestamp();
        var (methodsBefore, jitBefore) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var (rounds, empty) = (0, 0);
        var lastRound = TimeSpan.Zero;
        try
        {
            using var head = WarmUpData.Build(out var end);
            var engine = new QueryEngine();
            var json = new ArrayBufferWriter<byte>(64 * 1024);
            while (rounds < _options.MaxRounds && !cancel.IsCancellationRequested)
            {
                if (rounds > 0)
                {
                    await PauseAsync(lastRound, cancel);
                }
                var roundStarted = _time.GetTimestamp();
                empty += RunRound(engine, head, end, json, cancel);
                rounds++;
                lastRound = _time.GetElapsedTime(roundStarted);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Shutting down: nothing to report.
        }
        catch (Exception e) when (e is QueryException or PromQL.Parser.ParseException or InvalidOperationException)
        {
            _logger.Warn("Query warm-up failed; queries still work, the first ones may be slower", ("err", e.Message));
        }
        var summary = new QueryWarmUpSummary(
            rounds,
            rounds * (RangeQueries.Length + InstantQueries.Length),
            empty,
            JitInfo.GetCompiledMethodCount() - methodsBefore,
            JitInfo.GetCompilationTime() - jitBefore,
            _time.GetElapsedTime(started));
        _logger.Debug("Query warm-up done", ("rounds", summary.Rounds), ("queries", summary.Queries), ("empty_results", summary.EmptyResults), ("methods_compiled", summary.MethodsCompiled),
            ("jit_time", summary.JitTime), ("duration", summary.Duration));
        return summary;
    }

    // Returns how many queries answered nothing: such a query would warm up little, so tests insist on none.
    private static int RunRound(QueryEngine engine, TsdbHead head, long end, ArrayBufferWriter<byte> json, CancellationToken cancel)
    {
        var empty = 0;
        foreach (var query in RangeQueries)
        {
            empty += Write(json, engine.Range(head, query, end - RangeMs, end, WarmUpData.StepMs, cancel));
        }
        foreach (var query in InstantQueries)
        {
            empty += Write(json, engine.Instant(head, query, end, cancel));
        }
        return empty;
    }

    // The API's JSON writer is part of every query's cost, so it is warmed up too (into a buffer that is dropped).
    private static int Write(ArrayBufferWriter<byte> json, QueryResult result)
    {
        json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(json))
        {
            QueryResultJson.Write(writer, result.Value);
        }
        return result.Value switch
        {
            MatrixValue m => m.Series.Count == 0 ? 1 : 0,
            VectorValue v => v.Samples.Count == 0 ? 1 : 0,
            _ => 0,
        };
    }

    // As long as the round took (at least MinPause): the warm-up uses at most half of one core, and the JIT's
    // background thread gets time to install the optimised code the next round then runs.
    private Task PauseAsync(TimeSpan round, CancellationToken cancel)
    {
        var pause = round > _options.MinPause ? round : _options.MinPause;
        return pause > TimeSpan.Zero ? Task.Delay(pause, _time, cancel) : Task.CompletedTask;
    }
}

/// <summary>How much warming up to do.</summary>
public sealed record QueryWarmUpOptions
{
    /// <summary>Rounds of every warm-up query.</summary>
    public int MaxRounds { get; init; } = 40;

    /// <summary>The shortest pause between rounds (a round's own duration when longer).</summary>
    public TimeSpan MinPause { get; init; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>What a warm-up did (logged at debug).</summary>
/// <param name="Rounds">Rounds completed.</param>
/// <param name="Queries">Queries run.</param>
/// <param name="EmptyResults">Queries that answered no series (none expected: each should exercise its path).</param>
/// <param name="MethodsCompiled">Methods the JIT compiled in the whole process meanwhile (the warm-up's and any other work's).</param>
/// <param name="JitTime">Time the JIT spent compiling in the whole process meanwhile.</param>
/// <param name="Duration">Wall time from start to end, pauses included.</param>
public sealed record QueryWarmUpSummary(int Rounds, int Queries, int EmptyResults, long MethodsCompiled, TimeSpan JitTime, TimeSpan Duration);
