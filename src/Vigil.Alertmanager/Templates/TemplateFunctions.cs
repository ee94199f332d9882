using System.Globalization;
using System.Text.RegularExpressions;
using Vigil.Templating;

namespace Vigil.Alertmanager.Templates;

/// <summary>
/// The functions Alertmanager adds to notification templates beyond Go's builtins. Until
/// <c>Vigil.Templating</c> ships the shared Alertmanager function map, this is the set the
/// default templates and common user templates need.
/// </summary>
public static class TemplateFunctions
{
    /// <summary>The function map; <paramref name="time"/> backs <c>now</c>.</summary>
    public static FunctionMap Create(TimeProvider time) => new FunctionMap()
        .Add("toUpper", (string s) => s.ToUpperInvariant())
        .Add("toLower", (string s) => s.ToLowerInvariant())
        .Add("title", (string s) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s))
        .Add("trimSpace", (string s) => s.Trim())
        .Add("join", (string separator, IEnumerable<string> items) => string.Join(separator, items))
        .Add("match", (string pattern, string text) => Regex.IsMatch(text, pattern, RegexOptions.NonBacktracking))
        .Add("reReplaceAll", (string pattern, string replacement, string text) => Regex.Replace(text, pattern, replacement, RegexOptions.NonBacktracking))
        .Add("safeHtml", (string s) => s)
        .Add("stringSlice", (string[] items) => items)
        .Add("now", () => time.GetUtcNow());
}
