using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.IntegrationTests.RulesDifferential;

/// <summary>
/// Where Prometheus 2.42 and today's upstream (which Vigil follows) send different alerts, 2.42's side is
/// rewritten to today's form before comparing, one documented rule each (see docs/rules.md).
/// </summary>
public static partial class Known242Differences
{
    /// <summary>
    /// Generator URLs link to the printed expression. 2.42 printed number literals with Go's <c>%v</c> (exponent
    /// form from 1e6 on and below 1e-4: <c>1e+06</c>); today's upstream prints them positionally (<c>1000000</c>).
    /// </summary>
    public static string GeneratorPathAsToday(string path)
    {
        const string Marker = "g0.expr=";
        var start = path.IndexOf(Marker, StringComparison.Ordinal);
        var end = start < 0 ? -1 : path.IndexOf('&', start);
        if (end < 0)
        {
            return path;
        }
        start += Marker.Length;
        var expr = Uri.UnescapeDataString(path[start..end].Replace('+', ' '));
        return path[..start] + Uri.EscapeDataString(QueryAsToday(expr)).Replace("%20", "+", StringComparison.Ordinal) + path[end..];
    }

    /// <summary>A printed expression (a generator URL's, or <c>/api/v1/rules</c> <c>query</c>) with 2.42's number literals written as today.</summary>
    public static string QueryAsToday(string expr) => GoExponentNumber().Replace(expr, m =>
        double.Parse(m.Value, CultureInfo.InvariantCulture).ToString("0.############################", CultureInfo.InvariantCulture));

    // A number in Go's exponent form, not part of a name or a longer number.
    [GeneratedRegex(@"(?<![\w.])\d+(\.\d+)?e[+-]\d+(?![\w.])")]
    private static partial Regex GoExponentNumber();
}
