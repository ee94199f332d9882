using Vigil.AlertmanagerHost;

namespace Vigil;

/// <summary>
/// Which implementation backs each seam of the running binary. One place to swap a stand-in for
/// the real component when it lands.
/// </summary>
public static class Composition
{
    /// <summary>How <c>alertmanager.yml</c> is loaded.</summary>
    public static ConfigSource ConfigSource { get; } = BootstrapConfigLoader.Load;
}
