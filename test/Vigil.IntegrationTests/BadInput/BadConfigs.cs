using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>Config files with the mistakes users make, starting with the seed's.</summary>
public static class BadConfigs
{
    private static readonly string Seed = SeedConfig.AlertmanagerYaml("https://hooks.slack.com/services/T000/B000/XXXX");

    /// <summary>The seed's mistake: <c>rule_files</c> belongs in prometheus.yml.</summary>
    public static string WithRuleFiles => Seed + "\nrule_files:\n- /etc/prometheus/rules/*.yml\n";

    /// <summary>The 1-based line of <c>rule_files:</c> in <see cref="WithRuleFiles"/>.</summary>
    public static int RuleFilesLine => Seed.Split('\n').Length + 1;

    /// <summary>Name to (config, exit code of <c>amtool check-config</c>, which <c>vigil check config</c> matches).</summary>
    public static IReadOnlyDictionary<string, (string Yaml, int ExitCode)> ForCheckConfig { get; } =
        new Dictionary<string, (string, int)>
        {
            ["seed"] = (Seed, 0),
            ["seed-with-rule-files"] = (WithRuleFiles, 1),
            ["unknown-receiver"] = ("route:\n  receiver: nobody\nreceivers:\n- name: somebody\n", 1),
            ["yaml-syntax"] = ("route:\n  receiver: [unclosed\n", 1),
            ["bad-duration"] = ("route:\n  receiver: r\n  group_wait: soon\nreceivers:\n- name: r\n", 1),
            ["no-route"] = ("receivers:\n- name: r\n", 1),
            ["bad-regex-matcher"] = ("route:\n  receiver: r\n  routes:\n  - matchers: ['a=~\"(\"']\n    receiver: r\nreceivers:\n- name: r\n", 1),
        };

    public static TheoryData<string> CheckConfigNames => [.. ForCheckConfig.Keys];
}
