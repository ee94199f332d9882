using System.Text;

namespace Vigil.Bench.Rules;

/// <summary>
/// Writes a rule file shaped like real ones over the synthetic node-exporter families: groups of 20 rules mixing
/// recording rules (<c>sum by (job) (rate(x[5m]))</c>, histogram quantiles, averages) and alerting rules
/// (thresholds, <c>absent()</c>, <c>up == 0</c>), many with <c>for</c>. Family <c>f</c> has kind <c>f % 4</c>
/// (cpu counters, disk counters, filesystem gauges, histogram buckets), as <see cref="Parsing.NodeExporterPayload"/> builds them.
/// </summary>
public static class RuleFileGenerator
{
    private const int RulesPerGroup = 20;

    /// <summary>The YAML of <paramref name="rules"/> rules using the first <paramref name="families"/> families.</summary>
    public static string Build(int rules, int families)
    {
        var cycles = Math.Max(1, families / 4);
        var sb = new StringBuilder("groups:\n");
        for (var k = 0; k < rules; k++)
        {
            if (k % RulesPerGroup == 0)
            {
                sb.Append("- name: bench-").Append(k / RulesPerGroup).Append("\n  rules:\n");
            }
            // Ten shapes in turn; each shape walks over the families of its kind.
            Rule(sb, k % 10, k / 10 % cycles * 4, k);
        }
        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, int shape, int cycleBase, int k)
    {
        var cpu = $"node_cpu{cycleBase}_seconds_total";
        var disk = $"node_disk{cycleBase + 1}_read_bytes_total";
        var fs = $"node_filesystem{cycleBase + 2}_avail_bytes";
        var hist = $"node_scrape{cycleBase + 3}_duration_seconds_bucket";
        _ = shape switch
        {
            0 => Record(sb, $"job_mode:{cpu}:rate5m_{k}", $"sum by (job, mode) (rate({cpu}[5m]))"),
            1 => Record(sb, $"instance:{disk}:rate5m_{k}", $"sum by (job, instance) (rate({disk}[5m]))"),
            2 => Record(sb, $"job:{hist}:p90_{k}", $"histogram_quantile(0.9, sum by (job, le) (rate({hist}[5m])))"),
            3 => Alert(sb, $"FilesystemLow{k}", $"{fs} < 100000", "1m"),
            4 => Alert(sb, $"CpuBusy{k}", $"sum by (instance) (rate({cpu}{{mode=\"idle\"}}[5m])) < 0.1", "5m"),
            5 => Alert(sb, $"TargetDown{k}", "up{job=\"synthetic\"} == 0", "1m"),
            6 => Alert(sb, $"DiskMetricsAbsent{k}", $"absent({disk}{{job=\"synthetic\"}})", "2m"),
            7 => Record(sb, $"job_device:{fs}:avg_{k}", $"avg by (job, device) ({fs})"),
            8 => Alert(sb, $"DiskReadsHigh{k}", $"rate({disk}[5m]) > 1000000", "2m"),
            _ => Alert(sb, $"CpuMissing{k}", $"absent({cpu}{{mode=\"user\"}})", ""),
        };
    }

    private static StringBuilder Record(StringBuilder sb, string name, string expr) =>
        sb.Append("  - record: ").Append(name).Append("\n    expr: '").Append(expr).Append("'\n");

    private static StringBuilder Alert(StringBuilder sb, string name, string expr, string forDuration)
    {
        sb.Append("  - alert: ").Append(name).Append("\n    expr: '").Append(expr).Append("'\n");
        if (forDuration.Length > 0)
        {
            sb.Append("    for: ").Append(forDuration).Append('\n');
        }
        return sb.Append("    labels:\n      severity: warning\n    annotations:\n      summary: '{{ $labels.instance }} value {{ $value }}'\n");
    }
}
