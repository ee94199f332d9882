using Vigil.Api.Tests.Prometheus;

namespace Vigil.IntegrationTests.Prometheus;

/// <summary>A deterministic data set: <c>gen_metric{series="i", group="i%4"}</c> with a value per 15 s step that encodes series and step.</summary>
public static class GeneratedSeries
{
    /// <summary>The first sample's time (ms): a round time well in the past of any clock.</summary>
    public const long Start = 1_700_000_000_000;

    /// <summary>The step between samples (ms).</summary>
    public const long Step = 15_000;

    /// <summary>The value written for <paramref name="series"/> at <paramref name="step"/>; fractional, so formatting is exercised.</summary>
    public static double Value(int series, int step) => (series * 1000) + step + 0.25;

    /// <summary>
    /// <paramref name="seriesCount"/> series with steps [<paramref name="firstStep"/>, <paramref name="firstStep"/>+<paramref name="steps"/>)
    /// from <paramref name="start"/> (ms; <see cref="Start"/> when 0).
    /// </summary>
    public static List<RemoteWriteEncoder.Series> Make(int seriesCount, int firstStep, int steps, long start = 0) =>
        [.. Enumerable.Range(0, seriesCount).Select(i => new RemoteWriteEncoder.Series(
            [("__name__", "gen_metric"), ("series", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)), ("group", (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(firstStep, steps).Select(s => ((start == 0 ? Start : start) + (s * Step), Value(i, s)))]))];
}
