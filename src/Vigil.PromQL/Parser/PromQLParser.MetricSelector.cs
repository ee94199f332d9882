using Vigil.Model.Labels;

namespace Vigil.PromQL.Parser;

public sealed partial class PromQLParser
{
    /// <summary>
    /// Parses a series selector on its own, as upstream's <c>ParseMetricSelector</c> does for the admin delete API:
    /// unlike <see cref="Parse"/>, a selector whose matchers all match the empty string (<c>{job=""}</c>) is accepted,
    /// since such a selector is a valid request there (every series without a <c>job</c> label). Anything but a plain
    /// selector (an offset, <c>@</c>, a range or any other expression) throws <see cref="ParseException"/>.
    /// </summary>
    public static IReadOnlyList<Matcher> ParseMetricSelector(string input)
    {
        try
        {
            // Everything on: whatever else is written, the answer is "not a series selector", never a feature hint.
            var parser = new PromQLParser(input, ParserOptions.AllEnabled);
            if (parser.Peek.Kind == TokenKind.Eof)
            {
                throw new ParseException(0, "no expression found in input");
            }
            var expr = parser.ParseExpr(0);
            if (parser.Peek.Kind != TokenKind.Eof)
            {
                throw parser.Unexpected(parser.Peek, "");
            }
            return expr is VectorSelector { Offset: 0, At: null, AtKind: AtKind.None, OffsetExpr: null, Anchored: false, Smoothed: false } selector
                ? selector.Matchers
                : throw new ParseException(0, $"{Model.GoString.Quote(input)} is not a series selector (expected e.g. up{{job=\"node\"}})");
        }
        catch (ParseException e)
        {
            throw e.WithQuery(input);
        }
    }
}
