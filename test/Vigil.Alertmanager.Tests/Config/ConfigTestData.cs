using System.Runtime.CompilerServices;
using Vigil.Alertmanager.Config;

namespace Vigil.Alertmanager.Tests.Config;

/// <summary>Finds the YAML files under testdata/config (located from this source file, so no copy step is needed).</summary>
internal static class ConfigTestData
{
    public static string PathOf(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "config", name);

    public static ConfigLoadResult Load(string name) => ConfigLoader.LoadFile(PathOf(name));

    public static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse(yaml, "alertmanager.yml");

    /// <summary>Joins lines with '\n' so tables of YAML stay readable (and line numbers countable) in tests.</summary>
    public static string Yaml(params string[] lines) => string.Join('\n', lines) + "\n";
}
