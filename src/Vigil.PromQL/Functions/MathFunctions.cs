using Vigil.PromQL.Engine;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Functions;

/// <summary>Element-wise math functions.</summary>
internal static class MathFunctions
{
    public static readonly (string Name, Func<double, double> F)[] Simple =
    [
        ("abs", Math.Abs),
        ("ceil", Math.Ceiling),
        ("floor", Math.Floor),
        ("exp", Math.Exp),
        ("sqrt", Math.Sqrt),
        ("ln", Math.Log),
        ("log2", Math.Log2),
        ("log10", Math.Log10),
        ("sin", Math.Sin),
        ("cos", Math.Cos),
        ("tan", Math.Tan),
        ("asin", Math.Asin),
        ("acos", Math.Acos),
        ("atan", Math.Atan),
        ("sinh", Math.Sinh),
        ("cosh", Math.Cosh),
        ("tanh", Math.Tanh),
        ("asinh", Math.Asinh),
        ("acosh", Math.Acosh),
        ("atanh", Math.Atanh),
        ("rad", v => v * Math.PI / 180),
        ("deg", v => v * 180 / Math.PI),
        ("sgn", v => double.IsNaN(v) ? v : Math.Sign(v)),
    ];

    public static QueryValue Clamp(Evaluator ev, Call c, long t)
    {
        var name = c.Function.Name;
        var min = name == "clamp_max" ? double.NegativeInfinity : ev.EvalScalar(c.Args[1], t);
        var max = name switch
        {
            "clamp_max" => ev.EvalScalar(c.Args[1], t),
            "clamp" => ev.EvalScalar(c.Args[2], t),
            _ => double.PositiveInfinity,
        };
        if (name == "clamp" && max < min)
        {
            return new VectorValue([]);
        }
        return FunctionTable.MapVector(ev, c, t, v => Math.Max(min, Math.Min(max, v)));
    }

    // Ties round up (towards +Inf), as upstream's floor(v/to + 0.5) * to.
    public static QueryValue Round(Evaluator ev, Call c, long t)
    {
        var to = c.Args.Count > 1 ? ev.EvalScalar(c.Args[1], t) : 1;
        var inverse = 1 / to;
        return FunctionTable.MapVector(ev, c, t, v => Math.Floor((v * inverse) + 0.5) / inverse);
    }

    public static QueryValue Timestamp(Evaluator ev, Call c, long t)
    {
        var samples = ev.EvalVector(c.Args[0], t)
            .Select(s => ev.NameDropped(s.Metric, t, s.Timestamp / 1000.0))
            .ToList();
        Evaluator.EnsureUniqueLabelSets(samples);
        return new VectorValue(samples);
    }
}
