using Vigil.PromQL.Parser;

namespace Vigil.Rules.Evaluation;

/// <summary>
/// A rule's expression as upstream shows it: parsed and printed back, so spacing, line breaks and number
/// spelling in the rule file do not leak into alert links or the rules API (upstream prints its syntax tree).
/// </summary>
internal static class CanonicalQuery
{
    /// <summary>The printed form of <paramref name="expr"/>; the text itself when it does not parse
    /// (the rule-file loader refuses such rules, so only hand-built rules get here).</summary>
    public static string Of(string expr)
    {
        try
        {
            // Printing only: the loader has already refused experimental features the server does not enable.
            return Printer.Print(PromQLParser.Parse(expr, ParserOptions.AllEnabled));
        }
        catch (ParseException)
        {
            return expr;
        }
    }
}
