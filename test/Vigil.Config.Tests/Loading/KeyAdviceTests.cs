using Vigil.Config.Loading;

namespace Vigil.Config.Tests.Loading;

public sealed class KeyAdviceTests
{
    [Theory]
    [InlineData("scrape_intervall", "did you mean scrape_interval?")]
    [InlineData("scrape_inteval", "did you mean scrape_interval?")]
    [InlineData("Job_Name", "keys are case-sensitive: did you mean job_name?")]
    [InlineData("jbo_name", "did you mean job_name?")]
    [InlineData("banana", null)]
    public void DidYouMean_Key_SuggestsCloseKeyOnly(string key, string? expected)
    {
        var section = new KeySection("a section", "in a section", "scrape_interval", "job_name", "metrics_path");

        Assert.Equal(expected, KeyAdvice.DidYouMean(section, key));
    }

    [Theory]
    [InlineData("abc", "abc", 0)]
    [InlineData("grop_by", "group_by", 1)]
    [InlineData("gruop_by", "group_by", 1)]
    [InlineData("", "abc", 3)]
    public void EditDistance_Pairs_CountsSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, KeyAdvice.EditDistance(a, b));
    }
}
