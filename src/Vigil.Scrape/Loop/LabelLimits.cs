using System.Text;
using Vigil.Config.Prometheus;
using Vigil.Model;
using Vigil.Model.Labels;

namespace Vigil.Scrape.Loop;

/// <summary>Checks label_limit, label_name_length_limit and label_value_length_limit, failing the scrape with upstream's text.</summary>
internal static class LabelLimits
{
    public static void Check(LabelSet labels, ScrapeLimits limits)
    {
        var metric = Cut(labels.Get(LabelName.MetricName));
        if (limits.LabelLimit > 0 && labels.Count > limits.LabelLimit)
        {
            throw new ScrapeFailedException($"label_limit exceeded (metric: {metric}, number of labels: {labels.Count}, limit: {limits.LabelLimit})");
        }
        if (limits.LabelNameLengthLimit <= 0 && limits.LabelValueLengthLimit <= 0)
        {
            return;
        }
        foreach (var label in labels)
        {
            if (limits.LabelNameLengthLimit > 0 && Encoding.UTF8.GetByteCount(label.Name) > limits.LabelNameLengthLimit)
            {
                throw new ScrapeFailedException($"label_name_length_limit exceeded (metric: {metric}, label name: {Cut(label.Name)}, limit: {limits.LabelNameLengthLimit})");
            }
            if (limits.LabelValueLengthLimit > 0 && Encoding.UTF8.GetByteCount(label.Value) > limits.LabelValueLengthLimit)
            {
                throw new ScrapeFailedException(
                    $"label_value_length_limit exceeded (metric: {metric}, label name: {Cut(label.Name)}, value: {GoString.Quote(Cut(label.Value))}, limit: {limits.LabelValueLengthLimit})");
            }
        }
    }

    // Lengths are in bytes as upstream counts them. Upstream prints at most 50 characters of names and values (%.50s) so a hostile series cannot bloat the error.
    private static string Cut(string s) => s.Length > 50 ? s[..50] : s;
}
