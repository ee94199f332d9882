using Vigil.Model.Labels;
using Vigil.PromQL.Parser;

namespace Vigil.PromQL.Engine;

/// <summary>The trim operators <c>&lt;/</c> and <c>&gt;/</c> on one pair of matched elements.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// A histogram on the left and a float on the right give the trimmed histogram under
    /// <paramref name="metric"/> (trims keep the metric name, as comparisons do). Any other pairing has no
    /// result; as upstream, an info annotation names the sample types.
    /// </summary>
    private VectorSample? TrimElement(BinaryExpr b, VectorSample lhs, VectorSample rhs, LabelSet metric, long t)
    {
        if (lhs.Histogram is { } histogram && rhs.Histogram is null)
        {
            return new VectorSample(metric, t, 0) { Histogram = histogram.Trim(rhs.Value, keepBelow: b.Op == TokenKind.TrimUpper), DropName = lhs.DropName };
        }
        var op = Printer.OpText(b.Op);
        Annotations.Info($"incompatible sample types encountered for binary operator \"{op}\": {SampleType(lhs)} {op} {SampleType(rhs)}", Pos(b));
        return null;
    }

    private static string SampleType(VectorSample s) => s.Histogram is null ? "float" : "histogram";
}
