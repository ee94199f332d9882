using System.Globalization;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Reads a server's own figures: samples of its <c>/metrics</c> page and instant or range queries.</summary>
public sealed class ServerMetrics(ServerUnderTest server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Every sample of <paramref name="name"/> on <c>/metrics</c>, keyed by its label text (<c>{...}</c> or "").</summary>
    public async Task<Dictionary<string, double>> SamplesAsync(string name)
    {
        var text = await _http.GetStringAsync("/metrics");
        var found = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || (line[name.Length] != '{' && line[name.Length] != ' '))
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            found[line[name.Length..space].Trim()] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return found;
    }

    /// <summary>The sum of every sample of <paramref name="name"/> on <c>/metrics</c> (0 when there is none).</summary>
    public async Task<double> SumAsync(string name) => (await SamplesAsync(name)).Values.Sum();

    /// <summary>Every value of every series a range selector (e.g. <c>x[60s]</c>) returns at <c>time</c>, in one list.</summary>
    public async Task<List<double>> RawValuesAsync(string selector, DateTimeOffset at)
    {
        var path = $"/api/v1/query?query={Uri.EscapeDataString(selector)}&time=" + (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(path));
        var values = new List<double>();
        foreach (var series in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            foreach (var point in series.GetProperty("values").EnumerateArray())
            {
                values.Add(double.Parse(point[1].GetString()!, CultureInfo.InvariantCulture));
            }
        }
        return values;
    }

    public void Dispose() => _http.Dispose();
}
