using Vigil.Model.Histograms;
using Vigil.PromQL.Testing;
using Vigil.Rules.UnitTesting;

namespace Vigil.Rules.Tests.UnitTesting;

public sealed class HistogramTextTests
{
    [Theory]
    // Fields in promtool's order whatever the input order; zero fields and empty edge buckets left out.
    [InlineData("{{sum:-0.3 count:32.1 schema:1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3 n_buckets:[4.1 5] n_offset:-5}}",
        "{{schema:1 count:32.1 sum:-0.3 z_bucket:7.1 z_bucket_w:0.05 offset:-3 buckets:[5.1 10 7] n_offset:-5 n_buckets:[4.1 5]}}")]
    [InlineData("{{}}", "{{}}")]
    [InlineData("{{count:0 sum:0 buckets:[0 0 3 0 4 0] offset:0}}", "{{offset:2 buckets:[3 0 4]}}")]
    // Numbers as Go's %g: exponent form below 1e-4 and from 1e21 on.
    [InlineData("{{count:1000000 sum:0.00001 buckets:[1e21]}}", "{{count:1e+06 sum:1e-05 buckets:[1e+21]}}")]
    [InlineData("{{count:123456 sum:0.0001}}", "{{count:123456 sum:0.0001}}")]
    [InlineData("{{count:1 counter_reset_hint:unknown}}", "{{count:1}}")]
    [InlineData("{{count:1 counter_reset_hint:reset}}", "{{count:1 counter_reset_hint:reset}}")]
    [InlineData("{{count:NaN sum:Inf}}", "{{count:NaN sum:+Inf}}")]
    public void Format_Notation_RendersAsPromtool(string notation, string expected)
    {
        var (histogram, _) = HistogramNotation.Parse(notation);

        Assert.Equal(expected, HistogramText.Format(histogram));
    }

    [Fact]
    public void Format_GaugeHint_IsNamed()
    {
        Assert.Equal("{{counter_reset_hint:gauge}}", HistogramText.Format(FloatHistogram.Empty.WithHint(CounterResetHint.Gauge)));
    }
}
