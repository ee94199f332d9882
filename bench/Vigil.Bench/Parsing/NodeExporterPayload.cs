using System.Globalization;
using System.Text;

namespace Vigil.Bench.Parsing;

/// <summary>
/// Builds a synthetic exposition shaped like a large node exporter's: HELP/TYPE per family, counters and
/// gauges with cpu/mode, device and mountpoint labels, and histograms, until the wanted series count.
/// </summary>
public static class NodeExporterPayload
{
    private static readonly string[] Modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly string[] Buckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"];

    /// <summary>
    /// Returns the payload (text format, or OpenMetrics with <c># EOF</c>) holding <paramref name="series"/> samples.
    /// Every value grows with <paramref name="round"/>, so consecutive rounds look like consecutive scrapes of a live
    /// exporter (same series, new values) rather than one repeated body a TSDB could store as unchanged.
    /// </summary>
    public static byte[] Build(int series, bool openMetrics, int round = 0)
    {
        var sb = new StringBuilder(series * 96);
        var written = 0;
        for (var family = 0; written < series; family++)
        {
            written += (family % 4) switch
            {
                0 => CpuFamily(sb, family, series - written, round),
                1 => DiskFamily(sb, family, series - written, round),
                2 => FilesystemFamily(sb, family, series - written, round),
                _ => HistogramFamily(sb, family, series - written, round),
            };
        }
        if (openMetrics)
        {
            sb.Append("# EOF\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static int CpuFamily(StringBuilder sb, int family, int budget, int round)
    {
        var name = $"node_cpu{family}_seconds";
        Header(sb, name, "Seconds the CPUs spent in each mode.", "counter");
        var n = 0;
        for (var cpu = 0; cpu < 32 && n < budget; cpu++)
        {
            foreach (var mode in Modes)
            {
                if (n++ >= budget)
                {
                    break;
                }
                sb.Append(name).Append("_total").Append("{cpu=\"").Append(cpu).Append("\",mode=\"").Append(mode).Append("\"} ")
                    .Append(Value(family, n, round)).Append('\n');
            }
        }
        return Math.Min(n, budget);
    }

    private static int DiskFamily(StringBuilder sb, int family, int budget, int round)
    {
        var name = $"node_disk{family}_read_bytes_total";
        Header(sb, name, "The total number of bytes read successfully.", "counter");
        var n = Math.Min(64, budget);
        for (var i = 0; i < n; i++)
        {
            sb.Append(name).Append("{device=\"nvme").Append(i / 8).Append('n').Append(i % 8).Append("\"} ").Append(Value(family, i, round)).Append('\n');
        }
        return n;
    }

    private static int FilesystemFamily(StringBuilder sb, int family, int budget, int round)
    {
        var name = $"node_filesystem{family}_avail_bytes";
        Header(sb, name, "Filesystem space available to non-root users in bytes.", "gauge");
        var n = Math.Min(48, budget);
        for (var i = 0; i < n; i++)
        {
            sb.Append(name).Append("{device=\"/dev/sd").Append((char)('a' + (i % 26))).Append(i / 26).Append("\",fstype=\"ext4\",mountpoint=\"/srv/data/volume-")
                .Append(i).Append("\"} ").Append(Value(family, i, round)).Append('\n');
        }
        return n;
    }

    private static int HistogramFamily(StringBuilder sb, int family, int budget, int round)
    {
        var name = $"node_scrape{family}_duration_seconds";
        Header(sb, name, "Duration of a collector scrape.", "histogram");
        var n = 0;
        for (var c = 0; c < 8 && n < budget; c++)
        {
            foreach (var le in Buckets)
            {
                if (n++ >= budget)
                {
                    break;
                }
                sb.Append(name).Append("_bucket{collector=\"c").Append(c).Append("\",le=\"").Append(le).Append("\"} ").Append(n + (round * (c + 1))).Append('\n');
            }
        }
        return Math.Min(n, budget);
    }

    private static void Header(StringBuilder sb, string name, string help, string type) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static string Value(int family, int i, int round) =>
        ((family * 7919.5) + (i * 104.729) + (round * (1.25 + (i % 7)))).ToString("R", CultureInfo.InvariantCulture);
}
