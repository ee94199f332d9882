namespace Vigil.Alertmanager.Tests.Config;

/// <summary>A config that fails to load must never crash the process (the seed's crash loop): any input gives findings, not exceptions.</summary>
public sealed class ConfigLoaderRobustnessTests
{
    public static TheoryData<string> Files => new() { "full.yml", "seed-original.yml", "seed-fixed.yml" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_EveryTruncation_NeverThrows(string name)
    {
        var text = File.ReadAllText(ConfigTestData.PathOf(name));

        for (var i = 0; i <= text.Length; i += 3)
        {
            var result = ConfigTestData.Parse(text[..i]);
            Assert.True(result.Ok || result.Errors.Count > 0, $"truncated at {i}: not ok but no error");
            AssertNoInternalError(result, $"truncated at {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_EachCharacterDeletedOrReplaced_NeverThrows(string name)
    {
        var text = File.ReadAllText(ConfigTestData.PathOf(name));

        // Every second position keeps the run short on a shared machine while still hitting every construct.
        for (var i = 0; i < text.Length; i += 2)
        {
            AssertNoInternalError(ConfigTestData.Parse(text.Remove(i, 1)), $"deleted {i}");
            foreach (var c in "[{:*'\t")
            {
                var result = ConfigTestData.Parse(text.Remove(i, 1).Insert(i, c.ToString()));
                Assert.True(result.Ok || result.Errors.Count > 0);
                AssertNoInternalError(result, $"replaced {i} with {c}");
            }
        }
    }

    /// <summary>The loader's safety net turns a reader bug into an "internal error" finding; none may occur.</summary>
    private static void AssertNoInternalError(Alertmanager.Config.ConfigLoadResult result, string what)
    {
        var bug = result.Errors.FirstOrDefault(e => e.Message.StartsWith("internal error", StringComparison.Ordinal));
        Assert.True(bug is null, $"{what}: {bug}");
    }
}
