using System.Globalization;
using System.Text;
using Vigil.Api.Metrics;
using Vigil.Model.Labels;
using Vigil.Storage;

namespace Vigil.Api.Prometheus;

/// <summary>What <c>/federate</c> needs from the host: the external labels in effect and the lookback.</summary>
/// <param name="ExternalLabels">The current <c>global.external_labels</c> (read per request, so reloads apply).</param>
/// <param name="LookbackDelta"><c>--query.lookback-delta</c>: how old a series' latest sample may be.</param>
public sealed record FederationSource(Func<LabelSet> ExternalLabels, TimeSpan LookbackDelta);

/// <summary>
/// <c>/federate</c>: the latest sample of every series matching any <c>match[]</c> selector, in the text
/// exposition format, as upstream serves it to a scraping Prometheus. A series whose latest sample in
/// the lookback window is a staleness marker is left out; every sample carries its own timestamp; the
/// external labels are added to each series that lacks them, with <c>instance=""</c> when none is
/// configured, so the scraper's own <c>instance</c> does not overwrite the federated one's absence.
/// </summary>
public static class Federation
{
    /// <summary>The content type upstream answers a text-format scrape with.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";

    private const string InstanceLabel = "instance";

    /// <summary>Parses the <c>match[]</c> selectors; throws <see cref="ApiError"/> with the parser's message.</summary>
    public static IReadOnlyList<IReadOnlyList<Matcher>> Selectors(ApiRequest request) => ApiParams.MatcherSets(request.Values("match[]"));

    /// <summary>Renders the exposition text for <paramref name="selectors"/> at <paramref name="nowMs"/>.</summary>
    public static string Render(ISeriesQuerier storage, IReadOnlyList<IReadOnlyList<Matcher>> selectors, long nowMs, TimeSpan lookback, LabelSet externalLabels)
    {
        var mint = nowMs - (long)lookback.TotalMilliseconds;
        var latest = LatestSamples(storage, selectors, mint, nowMs);
        var external = ExternalWithInstance(externalLabels);
        var text = new StringBuilder(latest.Count * 64);
        var lastName = (string?)null;
        // Stable by metric name, so each family's series stay in label order under one TYPE line.
        foreach (var (labels, sample) in latest.OrderBy(s => s.Labels.Get(LabelName.MetricName), StringComparer.Ordinal))
        {
            var name = labels.Get(LabelName.MetricName);
            if (name.Length == 0)
            {
                continue;
            }
            if (name != lastName)
            {
                text.Append("# TYPE ").Append(name).Append(" untyped\n");
                lastName = name;
            }
            AppendSeries(text, name, labels, external, sample);
        }
        return text.ToString();
    }

    private static List<(LabelSet Labels, Sample Sample)> LatestSamples(ISeriesQuerier storage, IReadOnlyList<IReadOnlyList<Matcher>> selectors, long mint, long maxt)
    {
        // A series matched by several selectors is sent once.
        var seen = new HashSet<LabelSet>();
        var found = new List<(LabelSet, Sample)>();
        var buffer = new List<Sample>();
        foreach (var matchers in selectors)
        {
            foreach (var series in storage.Select(mint, maxt, matchers))
            {
                buffer.Clear();
                series.CopySamples(mint, maxt, buffer);
                if (buffer.Count == 0 || buffer[^1].IsStale || !seen.Add(series.Labels))
                {
                    continue;
                }
                found.Add((series.Labels, buffer[^1]));
            }
        }
        found.Sort((a, b) => LabelSetComparer.Instance.Compare(a.Item1, b.Item1));
        return found;
    }

    // A label set drops empty values, so the added empty instance needs a plain list.
    private static List<Label> ExternalWithInstance(LabelSet external)
    {
        var labels = external.ToList();
        if (!external.Has(InstanceLabel))
        {
            labels.Add(new Label(InstanceLabel, ""));
            labels.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
        return labels;
    }

    private static void AppendSeries(StringBuilder text, string name, LabelSet labels, List<Label> external, Sample sample)
    {
        text.Append(name);
        var first = true;
        foreach (var label in labels)
        {
            if (label.Name != LabelName.MetricName && label.Value.Length > 0)
            {
                AppendLabel(text, label, ref first);
            }
        }
        foreach (var label in external)
        {
            // The series' own value wins; an empty own value counts as absent, as in upstream.
            if (labels.Get(label.Name).Length == 0)
            {
                AppendLabel(text, label, ref first);
            }
        }
        if (!first)
        {
            text.Append('}');
        }
        text.Append(' ').Append(FormatValue(sample.Value)).Append(' ').Append(sample.Timestamp.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void AppendLabel(StringBuilder text, Label label, ref bool first)
    {
        text.Append(first ? '{' : ',').Append(label.Name).Append("=\"").Append(TextFormat.EscapeLabelValue(label.Value)).Append('"');
        first = false;
    }

    /// <summary>
    /// A value as Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> writes it, as upstream's encoder does:
    /// shortest digits, with an exponent when it is below -4 or at least 6 (<c>1e+06</c>, <c>1.5e-05</c>).
    /// </summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value == 0 ? (double.IsNegative(value) ? "-0" : "0") : TextFormat.FormatValue(value);
        }
        var exponentForm = Vigil.PromQL.Parser.Printer.FormatExponent(value);
        var exponent = int.Parse(exponentForm.AsSpan(exponentForm.IndexOf('e', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return exponent < -4 || exponent >= 6 ? exponentForm : Vigil.PromQL.Parser.Printer.FormatNumber(value);
    }
}
