using Vigil.PromQL.Testing;

namespace Vigil.PromQL.Tests.Testing;

public sealed class HistogramScriptTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vigil-histogram-script-{Guid.NewGuid():N}.test");

    public void Dispose() => File.Delete(_path);

    private List<EvalOutcome> Run(string script)
    {
        File.WriteAllText(_path, script);
        return PromqlTestRunner.RunFile(_path);
    }

    private const string Load = """
        load 1m
          h {{schema:0 sum:2 count:2 buckets:[2]}}+{{schema:0 sum:1 count:1 buckets:[1]}}x2
          c {{schema:-53 sum:1 count:1 custom_values:[5 10] buckets:[1]}}x2

        """;

    [Theory]
    [InlineData("eval range from 0 to 2m step 1m h * 2\n  {} {{schema:0 sum:4 count:4 buckets:[4]}} {{schema:0 sum:6 count:6 buckets:[6]}} {{schema:0 sum:8 count:8 buckets:[8]}}\n", EvalStatus.Passed)]
    [InlineData("eval range from 0 to 2m step 1m h * 2\n  {} {{schema:0 sum:4 count:4 buckets:[4]}} {{schema:0 sum:6 count:6 buckets:[6]}} {{schema:0 sum:8 count:8 buckets:[9]}}\n", EvalStatus.Failed)]
    [InlineData("eval range from 0 to 2m step 1m h * 2\n  {} {{schema:0 sum:4 count:4 buckets:[4]}} _ {{schema:0 sum:8 count:8 buckets:[8]}}\n", EvalStatus.Failed)]
    [InlineData("eval instant at 1m sum(c)\n  {} {{schema:-53 sum:1 count:1 custom_values:[5 10] buckets:[1]}}\n", EvalStatus.Passed)]
    [InlineData("eval instant at 1m sum(c)\n  {} {{schema:-53 sum:1 count:1 custom_values:[5 11] buckets:[1]}}\n", EvalStatus.Failed)]
    public void RunFile_HistogramResults_ComparedPointByPoint(string eval, EvalStatus expected)
    {
        var outcome = Assert.Single(Run(Load + "\n" + eval));

        Assert.True(expected == outcome.Status, outcome.Message);
    }
}
