using System.Text.RegularExpressions;
using Vigil.Model.Labels;
using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;
using Vigil.Storage.Memory;

namespace Vigil.PromQL.Testing;

/// <summary>Runs upstream's PromQL test scripts against Vigil's engine and reports per-eval outcomes.</summary>
public static class PromqlTestRunner
{
    private const string NativeHistograms = "native histograms not supported in this expression yet";
    private const string CustomBuckets = "native histograms with custom buckets not supported";
    private const string HistogramGuardMessage = "native histogram samples of ";
    private const string HistogramFunctions = "native histogram functions (histogram_count, histogram_sum, ...) not implemented yet";

    /// <summary>Runs every file, prints <c>file: P passed, F failed, S skipped</c> per file and a total; returns 0 when nothing failed.</summary>
    public static int RunFiles(IReadOnlyList<string> paths, TextWriter output)
    {
        int passed = 0, failed = 0;
        foreach (var path in paths)
        {
            var outcomes = RunFile(path);
            var p = outcomes.Count(o => o.Status == EvalStatus.Passed);
            var f = outcomes.Count(o => o.Status == EvalStatus.Failed);
            var s = outcomes.Count(o => o.Status == EvalStatus.Skipped);
            output.WriteLine($"{Path.GetFileName(path)}: {p} passed, {f} failed, {s} skipped");
            foreach (var o in outcomes.Where(o => o.Status != EvalStatus.Passed))
            {
                output.WriteLine($"  line {o.Line}: {(o.Status == EvalStatus.Failed ? "FAIL" : "skip")}: {o.Message}");
            }
            passed += p;
            failed += f;
        }
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs one script file and returns one outcome per eval.</summary>
    public static List<EvalOutcome> RunFile(string path)
    {
        var name = Path.GetFileName(path);
        List<ScriptCommand> commands;
        try
        {
            commands = ScriptParser.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            return [new EvalOutcome(name, 0, EvalStatus.Failed, "could not read script: " + e.Message)];
        }
        var storage = new MemoryStorage();
        // Upstream's test engine runs with its experimental engine features on and parses with every
        // experimental language feature enabled; the scripts expect them.
        var engine = new QueryEngine(new EngineOptions
        {
            EnableDelayedNameRemoval = true,
            UseStartTimestamps = true,
            Parser = ParserOptions.AllEnabled,
        });
        var histogramMetrics = new List<LabelSet>();
        var outcomes = new List<EvalOutcome>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case ClearCommand:
                    storage.Clear();
                    histogramMetrics.Clear();
                    break;
                case LoadCommand load:
                    Load(storage, load, histogramMetrics);
                    break;
                case EvalCommand eval:
                    outcomes.Add(Evaluate(name, engine, storage, eval, histogramMetrics));
                    break;
            }
        }
        return outcomes;
    }

    private static void Load(MemoryStorage storage, LoadCommand load, List<LabelSet> histogramMetrics)
    {
        var appender = storage.Appender();
        foreach (var (labels, values) in load.Series)
        {
            if (values.Any(v => v.Unsupported is not null))
            {
                histogramMetrics.Add(labels);
            }
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i].Histogram is { } histogram)
                {
                    appender.AppendHistogram(labels, i * load.IntervalMs, histogram);
                }
                else if (!values[i].Omitted && !values[i].IsHistogram)
                {
                    appender.Append(labels, i * load.IntervalMs, values[i].Value);
                }
            }
        }
        foreach (var (index, offsets) in load.StartOffsets)
        {
            for (var i = 0; i < offsets.Count; i++)
            {
                if (offsets[i] is { } offset)
                {
                    storage.SetStartTimestamp(load.Series[index].Labels, i * load.IntervalMs, (i * load.IntervalMs) + offset);
                }
            }
        }
        if (load.WithNhcb)
        {
            foreach (var (labels, samples) in ClassicToNative.Convert(load.Series, load.IntervalMs))
            {
                foreach (var (timestamp, histogram) in samples)
                {
                    appender.AppendHistogram(labels, timestamp, histogram);
                }
            }
        }
        appender.Commit();
    }

    private static EvalOutcome Evaluate(string file, QueryEngine engine, MemoryStorage storage, EvalCommand cmd, List<LabelSet> histogramMetrics)
    {
        if (cmd.Series.Any(s => s.Values.Any(v => v.Unsupported is not null)) || SelectsAny(cmd.Query, histogramMetrics))
        {
            return new EvalOutcome(file, cmd.Line, EvalStatus.Skipped, CustomBuckets);
        }
        var problem = Check(engine, storage, cmd);
        // Histogram support is partial: an eval that reaches what is missing is skipped with that reason.
        if (problem is not null && (problem.Contains(HistogramGuardMessage, StringComparison.Ordinal)))
        {
            return new EvalOutcome(file, cmd.Line, EvalStatus.Skipped, NativeHistograms);
        }
        if (problem is not null && problem.Contains("function \"histogram_", StringComparison.Ordinal) && problem.Contains("is not supported", StringComparison.Ordinal))
        {
            return new EvalOutcome(file, cmd.Line, EvalStatus.Skipped, HistogramFunctions);
        }
        return new EvalOutcome(file, cmd.Line, problem is null ? EvalStatus.Passed : EvalStatus.Failed, problem ?? "");
    }

    // Whether any selector of the query would pick up one of the (unloaded) native histogram series.
    private static bool SelectsAny(string query, List<LabelSet> series)
    {
        if (series.Count == 0)
        {
            return false;
        }
        try
        {
            return AstWalker.DescendantsAndSelf(PromQLParser.Parse(query, ParserOptions.AllEnabled))
                .OfType<VectorSelector>()
                .Any(v => series.Any(s => v.Matchers.All(m => m.Matches(s))));
        }
        catch (ParseException)
        {
            return false;
        }
    }

    private static string? Check(QueryEngine engine, MemoryStorage storage, EvalCommand cmd)
    {
        QueryResult result;
        try
        {
            result = cmd.IsRange
                ? engine.Range(storage, cmd.Query, cmd.Start, cmd.End, cmd.Step)
                : engine.Instant(storage, cmd.Query, cmd.Start);
        }
        catch (Exception e) when (e is ParseException or QueryException)
        {
            return cmd.Expects("fail") ? CheckMessage(cmd.Expectations.First(x => x.Kind == "fail"), [e.Message], "error") : $"unexpected error: {e.Message}";
        }
        if (cmd.Expects("fail"))
        {
            return $"expected error evaluating {cmd.Query} but got none";
        }
        return CheckAnnotations(cmd, result) ?? ResultComparer.Compare(cmd, result.Value) ?? CheckAsRangeQuery(engine, storage, cmd, result.Value);
    }

    // step(), range(), start() and end() legitimately differ between an instant and a range query.
    private static bool DependsOnQueryRange(string query) =>
        AstWalker.DescendantsAndSelf(PromQLParser.Parse(query, ParserOptions.AllEnabled)).OfType<Call>().Any(c => c.Function.Name is "step" or "range" or "start" or "end")
        || AstWalker.DescendantsAndSelf(PromQLParser.Parse(query, ParserOptions.AllEnabled)).Any(e => e is MatrixSelector { RangeExpr: not null } or ITimeModified { OffsetExpr: not null } or SubqueryExpr { StepExpr: not null } or SubqueryExpr { RangeExpr: not null });

    // Upstream re-runs each instant eval as a range query ending at the same time (one step back, 1m
    // step); the last step must give the same result.
    private static string? CheckAsRangeQuery(QueryEngine engine, MemoryStorage storage, EvalCommand cmd, QueryValue instant)
    {
        if (cmd.IsRange || instant is not (VectorValue or ScalarValue) || DependsOnQueryRange(cmd.Query))
        {
            return null;
        }
        QueryResult result;
        try
        {
            result = engine.Range(storage, cmd.Query, cmd.Start - 60_000, cmd.Start, 60_000);
        }
        catch (Exception e) when (e is ParseException or QueryException)
        {
            return "as a range query: unexpected error: " + e.Message;
        }
        var lastStep = ((MatrixValue)result.Value).Series.Select(s => LastStep(s, cmd.Start)).OfType<VectorSample>().ToList();
        QueryValue asInstant = instant is ScalarValue && lastStep.Count == 1 ? new ScalarValue(cmd.Start, lastStep[0].Value) : new VectorValue(lastStep);
        var unordered = cmd with { };
        unordered.Expectations.RemoveAll(e => e.Kind == "ordered");
        var problem = ResultComparer.Compare(unordered, asInstant);
        return problem is null ? null : "as a range query: " + problem;
    }

    // The series' value at the range query's last step, float or histogram, if it has one.
    private static VectorSample? LastStep(SeriesValue s, long at)
    {
        if (s.Points.Count > 0 && s.Points[^1].Timestamp == at)
        {
            return new VectorSample(s.Metric, at, s.Points[^1].Value);
        }
        if (s.Histograms is { Count: > 0 } h && h[^1].Timestamp == at)
        {
            return new VectorSample(s.Metric, at, 0) { Histogram = h[^1].Histogram };
        }
        return null;
    }

    private static string? CheckAnnotations(EvalCommand cmd, QueryResult result)
    {
        foreach (var (kind, got) in new[] { ("warn", result.Warnings), ("info", result.Infos) })
        {
            foreach (var expectation in cmd.Expectations.Where(e => e.Kind == kind))
            {
                var problem = got.Count == 0 ? $"expected {kind} annotations but got none" : CheckMessage(expectation, got, kind);
                if (problem is not null)
                {
                    return problem;
                }
            }
            if (cmd.Expects("no_" + kind) && got.Count > 0)
            {
                return $"unexpected {kind} annotations: {string.Join("; ", got)}";
            }
        }
        return null;
    }

    private static string? CheckMessage(Expectation expectation, IReadOnlyCollection<string> got, string kind)
    {
        if (expectation.Message is { } msg && !got.Any(g => g.Trim() == msg))
        {
            return $"expected {kind} message \"{msg}\" but got: {string.Join("; ", got)}";
        }
        if (expectation.Regex is { } re && !got.Any(g => Regex.IsMatch(g, re)))
        {
            return $"expected {kind} matching /{re}/ but got: {string.Join("; ", got)}";
        }
        return null;
    }
}
