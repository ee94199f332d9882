using Vigil.Model.Labels;
using Vigil.PromQL.Functions;
using Vigil.PromQL.Parser;
using Vigil.Storage;

namespace Vigil.PromQL.Engine;

/// <summary>
/// Evaluates a syntax tree at one instant. Range queries and subqueries evaluate their expression
/// at each step, which keeps every node's semantics in one place; what makes that fast is that every
/// selector reads storage once per query (<see cref="PlanSelectors"/>) and steps walk the fetched samples
/// with forward-moving cursors.
/// </summary>
internal sealed partial class Evaluator : IDisposable
{
    private readonly ISeriesQuerier _querier;
    private readonly ISeriesQuerier _histogramQuerier;
    private readonly EngineOptions _options;
    private readonly CancellationToken _cancel;
    private readonly Dictionary<VectorSelector, PrefetchedSelector> _prefetched = new(ReferenceEqualityComparer.Instance);
    private Dictionary<VectorSelector, (long Mint, long Maxt)>? _windows;
    private readonly List<List<Sample>> _buffers = [];
    private readonly Dictionary<Expr, List<VectorSample>> _stepResults = new(ReferenceEqualityComparer.Instance);
    private long _samplesLoaded;

    public Evaluator(ISeriesQuerier querier, EngineOptions options, long start, long end, long interval, CancellationToken cancel)
    {
        // Only selectors in HistogramSelectors read histogram samples; every other read is guarded.
        _histogramQuerier = querier;
        _querier = querier.MayHoldHistograms ? new HistogramGuard(querier) : querier;
        _options = options;
        QueryStart = start;
        QueryEnd = end;
        Interval = interval;
        _cancel = cancel;
    }

    /// <summary>The query's start, for <c>@ start()</c> and <c>start()</c>.</summary>
    public long QueryStart { get; }

    /// <summary>The query's end, for <c>@ end()</c>.</summary>
    public long QueryEnd { get; }

    /// <summary>The range query step (0 for instant queries).</summary>
    public long Interval { get; }

    /// <summary>The selectors that may return native histogram samples (see <see cref="HistogramGuard"/>).</summary>
    public IReadOnlySet<VectorSelector> HistogramSelectors { get; init; } = new HashSet<VectorSelector>();

    /// <summary>The query text, for annotation positions.</summary>
    public string Query { get; init; } = "";

    /// <summary>The <c>line:column</c> of a node, as upstream appends to annotations.</summary>
    public string Pos(Expr e)
    {
        var (line, col) = ParseException.LineColumn(Query, e.Position);
        return $"{line}:{col}";
    }

    public long LookbackMs => (long)_options.LookbackDelta.TotalMilliseconds;

    /// <summary>The storage's start timestamps when the engine uses them and the storage has any; null otherwise.</summary>
    public IStartTimestampSource? StartTimestamps =>
        _options.UseStartTimestamps && _histogramQuerier is IStartTimestampSource { HasStartTimestamps: true } source ? source : null;

    /// <summary>Whether the engine uses start timestamps (see <see cref="EngineOptions.UseStartTimestamps"/>).</summary>
    public bool UseStartTimestamps => _options.UseStartTimestamps;

    /// <summary>The start timestamp of a stored sample; 0 when unknown or when the storage keeps none.</summary>
    public long StartTimestampOf(LabelSet series, long timestamp) =>
        _histogramQuerier is IStartTimestampSource source ? source.StartTimestamp(series, timestamp) : 0;

    /// <summary>Whether name-dropping operations only mark their results (see <see cref="EngineOptions.EnableDelayedNameRemoval"/>).</summary>
    public bool DelayNameRemoval => _options.EnableDelayedNameRemoval;

    /// <summary>
    /// A result of an operation that removes the metric name: without it now, or still with it and marked
    /// when the removal is delayed to the end of the query.
    /// </summary>
    public VectorSample NameDropped(LabelSet metric, long t, double value) =>
        new(DelayNameRemoval ? metric : WithoutName(metric), t, value) { DropName = true };

    public Annotations Annotations { get; } = new();

    /// <summary>
    /// Prepares <paramref name="root"/>'s selectors to be read from storage once each, for the whole query,
    /// instead of once per step.
    /// </summary>
    public void PlanSelectors(Expr root)
    {
        _windows = SelectorWindows.Compute(root, QueryStart, QueryEnd, LookbackMs);
        if (MayMeetHistograms)
        {
            _statsOnly = HistogramStatsReads.Selectors(root);
        }
    }

    // The selectors whose histograms are read for count and sum only (see HistogramStatsReads).
    private HashSet<VectorSelector> _statsOnly = [];

    // The selector's prefetched series when the step reads inside the planned window; otherwise (a node
    // created during evaluation, or an unplanned time) the caller reads the storage directly.
    private PrefetchedSelector? Prefetched(VectorSelector v, long mint, long maxt)
    {
        if (_windows is null || !_windows.TryGetValue(v, out var window))
        {
            return null;
        }
        if (!_prefetched.TryGetValue(v, out var selector))
        {
            var buffer = SampleBufferPool.Shared.Rent();
            _buffers.Add(buffer);
            // A selector that reads histograms gets them prefetched beside its floats (see PrefetchedHistograms).
            selector = ReadsHistograms(v)
                ? PrefetchedSelector.Load(_histogramQuerier, v.Matchers, window.Mint, window.Maxt, buffer, _cancel, histograms: true, _statsOnly.Contains(v))
                : PrefetchedSelector.Load(_querier, v.Matchers, window.Mint, window.Maxt, buffer, _cancel);
            _prefetched[v] = selector;
        }
        return selector.Covers(mint, maxt) ? selector : null;
    }

    /// <summary>
    /// Gives the prefetched sample buffers back for later queries. The result must be complete by then:
    /// results copy their values, they never point into these buffers.
    /// </summary>
    public void Dispose()
    {
        _prefetched.Clear();
        foreach (var buffer in _buffers)
        {
            SampleBufferPool.Shared.Return(buffer);
        }
        _buffers.Clear();
    }

    /// <summary>Evaluates <paramref name="expr"/> at <paramref name="t"/> (milliseconds).</summary>
    public QueryValue Eval(Expr expr, long t)
    {
        _cancel.ThrowIfCancellationRequested();
        return expr switch
        {
            NumberLiteral n => new ScalarValue(t, n.Value),
            StringLiteral s => new StringValue(t, s.Value),
            ParenExpr p => Eval(p.Inner, t),
            UnaryExpr u => EvalUnary(u, t),
            VectorSelector v => EvalVectorSelector(v, t),
            MatrixSelector m => EvalMatrixSelector(m, t, raw: false),
            SubqueryExpr s => EvalSubquery(s, t),
            BinaryExpr b => EvalBinary(b, t),
            AggregateExpr a => EvalAggregate(a, t),
            Call c => FunctionTable.Invoke(this, c, t),
            _ => throw new QueryException("unhandled expression type " + expr.GetType().Name),
        };
    }

    /// <summary>Evaluates an expression known to produce an instant vector.</summary>
    public List<VectorSample> EvalVector(Expr expr, long t) => Eval(expr, t) switch
    {
        VectorValue v => v.Samples,
        var other => throw new QueryException("expected instant vector, got " + other.GetType().Name),
    };

    /// <summary>Evaluates an expression known to produce a scalar.</summary>
    public double EvalScalar(Expr expr, long t) => Eval(expr, t) switch
    {
        ScalarValue s => s.Value,
        var other => throw new QueryException("expected scalar, got " + other.GetType().Name),
    };

    /// <summary>Evaluates an expression known to produce a range vector.</summary>
    public MatrixValue EvalMatrix(Expr expr, long t) => Eval(expr, t) switch
    {
        MatrixValue m => m,
        var other => throw new QueryException("expected range vector, got " + other.GetType().Name),
    };

    /// <summary>
    /// An empty list for <paramref name="node"/>'s result at this step: the one its previous step filled. By now the
    /// parent has consumed that result (a parent reads a child's vector before it evaluates the child again, and
    /// range results and subqueries copy the values out). A vector of thousands of series is a large-object-heap
    /// array, and a new one at every step of a range query costs a full garbage collection every few queries.
    /// </summary>
    public List<VectorSample> StepResult(Expr node, int capacity)
    {
        if (!_stepResults.TryGetValue(node, out var list))
        {
            list = new List<VectorSample>(capacity);
            _stepResults[node] = list;
        }
        list.Clear();
        return list;
    }

    /// <summary>Counts samples held by the query; fails past the configured limit.</summary>
    public void Account(long samples)
    {
        _samplesLoaded += samples;
        if (_options.MaxSamples > 0 && _samplesLoaded > _options.MaxSamples)
        {
            throw new QueryException("query processing would load too many samples into memory in query execution");
        }
    }

    /// <summary>
    /// Restarts the count at each range-query step: the samples earlier steps loaded are folded away, only
    /// <paramref name="held"/> (the result built so far) is still in memory.
    /// </summary>
    public void ResetAccounting(long held)
    {
        _samplesLoaded = 0;
        Account(held);
    }

    private QueryValue EvalUnary(UnaryExpr u, long t)
    {
        var value = Eval(u.Operand, t);
        if (u.Op != TokenKind.Sub)
        {
            return value;
        }
        if (value is ScalarValue s)
        {
            return new ScalarValue(t, -s.Value);
        }
        var samples = ((VectorValue)value).Samples
            .Select(x => NameDropped(x.Metric, t, -x.Value) with { Histogram = x.Histogram?.Multiply(-1) })
            .ToList();
        EnsureUniqueLabelSets(samples);
        return new VectorValue(samples);
    }

    private QueryValue EvalSubquery(SubqueryExpr s, long t)
    {
        var end = ResolveTime(s, t) - s.Offset;
        var step = s.Step > 0 ? s.Step : (long)_options.DefaultSubqueryStep.TotalMilliseconds;
        var first = step * ((end - s.Range) / step);
        if (first <= end - s.Range)
        {
            first += step;
        }
        var builder = new RangeResultBuilder(end, step);
        for (var ts = first; ts <= end; ts += step)
        {
            builder.Add(Eval(s.Inner, ts), ts);
        }
        Account(builder.Series.Sum(x => (long)x.Points.Count));
        return new MatrixValue(builder.Series);
    }

    /// <summary>The evaluation time of a node with an <c>@</c> modifier, or <paramref name="t"/>.</summary>
    public long ResolveTime(ITimeModified m, long t) => m.AtKind switch
    {
        AtKind.Start => QueryStart,
        AtKind.End => QueryEnd,
        _ => m.At ?? t,
    };

    private static readonly string[] ReservedMetadata = [LabelName.MetricName, "__type__", "__unit__"];

    /// <summary>A label set without <c>__name__</c> and the metric metadata labels (<c>__type__</c>, <c>__unit__</c>) that describe it.</summary>
    public static LabelSet DropName(LabelSet labels) =>
        labels.Has(LabelName.MetricName) || labels.Has("__type__") || labels.Has("__unit__") ? labels.Without(ReservedMetadata) : labels;

    /// <summary>Fails when two samples of a vector share a label set, as upstream does after each step.</summary>
    public static void EnsureUniqueLabelSets(List<VectorSample> samples)
    {
        if (samples.Count < 2)
        {
            return;
        }
        var seen = new HashSet<LabelSet>(samples.Count);
        foreach (var s in samples)
        {
            if (!seen.Add(s.Metric))
            {
                throw new QueryException("vector cannot contain metrics with the same labelset");
            }
        }
    }
}
