using Vigil.Model.Histograms;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>Binary operators on a pair of elements where at least one is a native histogram.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// One element pair's result: a float or histogram <see cref="Value"/>/<see cref="Histogram"/>, whether a
    /// comparison passed (<see cref="Keep"/>), or <see cref="Dropped"/> when the pair has no result at all
    /// (even under <c>bool</c>), as upstream drops pairs it reports an annotation for.
    /// </summary>
    private readonly record struct HistogramElementResult(double Value, FloatHistogram? Histogram, bool Keep, bool Dropped)
    {
        public static HistogramElementResult Of(FloatHistogram h) => new(0, h, true, false);

        public static HistogramElementResult None => new(0, null, false, true);
    }

    /// <summary>
    /// Upstream's table: a histogram times or divided by a float, a float times a histogram, histogram plus or
    /// minus histogram (a difference is a gauge), and <c>==</c>/<c>!=</c> between histograms (which keep the
    /// left one). Any other pairing has no result and adds an info naming the sample types.
    /// </summary>
    private HistogramElementResult HistogramElementOp(BinaryExpr b, double lf, FloatHistogram? lh, double rf, FloatHistogram? rh)
    {
        switch (lh, rh, b.Op)
        {
            case (null, { } r, TokenKind.Mul):
                return HistogramElementResult.Of(r.Multiply(lf));
            case ({ } l, null, TokenKind.Mul):
                return HistogramElementResult.Of(l.Multiply(rf));
            case ({ } l, null, TokenKind.Div):
                return HistogramElementResult.Of(l.Divide(rf));
            case ({ } l, { } r, TokenKind.Add or TokenKind.Sub):
                return AddHistograms(b, l, r);
            case ({ } l, { } r, TokenKind.Eql or TokenKind.Neq):
                return new HistogramElementResult(0, l, l.HasSameDataAs(r) == (b.Op == TokenKind.Eql), false);
        }
        var op = Printer.OpText(b.Op);
        Annotations.Info($"incompatible sample types encountered for binary operator \"{op}\": {TypeName(lh)} {op} {TypeName(rh)}", Pos(b));
        return HistogramElementResult.None;
    }

    private static string TypeName(FloatHistogram? h) => h is null ? "float" : "histogram";

    private HistogramElementResult AddHistograms(BinaryExpr b, FloatHistogram l, FloatHistogram r)
    {
        var subtract = b.Op == TokenKind.Sub;
        FloatHistogram result;
        HistogramCombineNotes notes;
        try
        {
            result = subtract ? l.Subtract(r, out notes).WithHint(CounterResetHint.Gauge) : l.Add(r, out notes);
        }
        catch (IncompatibleHistogramsException)
        {
            Annotations.Warn($"incompatible bucket layout encountered for binary operator {Printer.OpText(b.Op)}", Pos(b));
            return HistogramElementResult.None;
        }
        var operation = subtract ? "subtraction" : "addition";
        if (notes.HasFlag(HistogramCombineNotes.CustomBoundsReconciled))
        {
            Annotations.Info($"mismatched custom buckets were reconciled during {operation}", Pos(b));
        }
        if (notes.HasFlag(HistogramCombineNotes.CounterResetCollision))
        {
            // Upstream reports the collision as the pair's error, which drops the pair.
            Annotations.Warn($"conflicting counter resets during histogram {operation}", Pos(b));
            return HistogramElementResult.None;
        }
        return HistogramElementResult.Of(result);
    }
}
