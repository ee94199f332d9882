using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>Runs PromQL instant and range queries against a <see cref="ISeriesQuerier"/>.</summary>
public sealed class QueryEngine
{
    private readonly EngineOptions _options;

    /// <summary>Creates an engine with the given options (upstream defaults when omitted).</summary>
    public QueryEngine(EngineOptions? options = null) => _options = options ?? new EngineOptions();

    /// <summary>The language features this engine's queries may use; the API parses with the same.</summary>
    public ParserOptions ParserOptions => _options.Parser;

    /// <summary>Evaluates <paramref name="query"/> at <paramref name="time"/> (ms). Parse errors throw <see cref="ParseException"/>, evaluation errors <see cref="QueryException"/>.</summary>
    public QueryResult Instant(ISeriesQuerier querier, string query, long time, CancellationToken cancel = default)
    {
        var expr = PromQLParser.Parse(query, _options.Parser);
        DurationExpressions.Resolve(expr, 0, 0);
        return Run(cancel, token =>
        {
            using var ev = new Evaluator(querier, _options, time, time, 0, token)
            {
                Query = query,
                HistogramSelectors = HistogramGuard.HistogramSelectors(expr),
            };
            ev.PlanSelectors(expr);
            var value = ev.Eval(expr, time);
            if (_options.EnableDelayedNameRemoval)
            {
                value = DelayedNameRemoval.Apply(value);
            }
            else if (value is VectorValue v)
            {
                Evaluator.EnsureUniqueLabelSets(v.Samples);
            }
            return new QueryResult(value, ev.Annotations.Warnings, ev.Annotations.Infos);
        });
    }

    /// <summary>Evaluates <paramref name="query"/> at every step from <paramref name="start"/> to <paramref name="end"/> (ms); the result is a matrix.</summary>
    public QueryResult Range(ISeriesQuerier querier, string query, long start, long end, long step, CancellationToken cancel = default)
    {
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), "zero or negative query resolution step widths are not accepted");
        }
        var expr = PromQLParser.Parse(query, _options.Parser);
        DurationExpressions.Resolve(expr, step, end - start);
        if (expr.Type is not (Parser.ValueType.Scalar or Parser.ValueType.Vector))
        {
            throw new QueryException($"invalid expression type \"{TypeChecker.Describe(expr.Type)}\" for range query, must be Scalar or instant Vector");
        }
        return Run(cancel, token =>
        {
            using var ev = new Evaluator(querier, _options, start, end, step, token)
            {
                Query = query,
                HistogramSelectors = HistogramGuard.HistogramSelectors(expr),
            };
            ev.PlanSelectors(expr);
            var builder = new RangeResultBuilder(end, step);
            long resultPoints = 0;
            for (var t = start; t <= end; t += step)
            {
                // The points already in the result stay in memory for the rest of the query, as upstream counts them.
                ev.ResetAccounting(resultPoints);
                var value = ev.Eval(expr, t);
                builder.Add(value, t);
                resultPoints += value is VectorValue v ? v.Samples.Count : 1;
                ev.ResetAccounting(resultPoints);
            }
            var order = _options.EnableDelayedNameRemoval ? ((MatrixValue)DelayedNameRemoval.Apply(new MatrixValue(builder.Series))).Series : builder.Series;
            order.Sort((a, b) => LabelSetComparer.Instance.Compare(a.Metric, b.Metric));
            return new QueryResult(new MatrixValue(order), ev.Annotations.Warnings, ev.Annotations.Infos);
        });
    }

    private QueryResult Run(CancellationToken cancel, Func<CancellationToken, QueryResult> body)
    {
        using var timer = new CancellationTokenSource(_options.Timeout, _options.Time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel, timer.Token);
        try
        {
            return body(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new QueryException("query timed out in query execution");
        }
    }
}
