using Vigil.PromQL.Testing;
using Xunit.Abstractions;

namespace Vigil.PromQL.Tests.Conformance;

/// <summary>Runs every upstream PromQL script; only failures missing from known-gaps.txt fail the build.</summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in ConformanceFiles.All)
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void RunFile_UpstreamScript_NoUnexpectedFailures(string file)
    {
        var outcomes = PromqlTestRunner.RunFile(Path.Combine(ConformanceFiles.Directory, file));
        var unexpected = new List<string>();
        foreach (var o in outcomes.Where(o => o.Status == EvalStatus.Failed))
        {
            if (KnownGaps.TryGet(file, o.Line, out var reason))
            {
                output.WriteLine($"known gap line {o.Line} ({reason}): {o.Message}");
            }
            else
            {
                unexpected.Add($"line {o.Line}: {o.Message}");
            }
        }
        output.WriteLine($"{file}: {outcomes.Count(o => o.Status == EvalStatus.Passed)} passed, {outcomes.Count(o => o.Status == EvalStatus.Failed)} failed, {outcomes.Count(o => o.Status == EvalStatus.Skipped)} skipped");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }

    [Fact]
    public void RunFiles_AllScripts_WritesReportWhenAsked()
    {
        var target = Environment.GetEnvironmentVariable("VIGIL_PROMQL_REPORT");
        if (string.IsNullOrEmpty(target))
        {
            return;
        }
        using var writer = new StreamWriter(target);
        var only = Environment.GetEnvironmentVariable("VIGIL_PROMQL_FILES");
        var files = string.IsNullOrEmpty(only) ? ConformanceFiles.All.ToList() : only.Split(':').ToList();
        PromqlTestRunner.RunFiles(files, writer);
    }
}
