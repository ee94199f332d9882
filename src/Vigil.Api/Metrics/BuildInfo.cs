using System.Reflection;
using System.Runtime.InteropServices;

namespace Vigil.Api.Metrics;

/// <summary>What the binary reports about its build (status API, <c>--version</c>, build_info metric).</summary>
public sealed record BuildInfo(string Version, string Revision, string Branch, string BuildUser, string BuildDate, string RuntimeVersion)
{
    /// <summary>The build info of the running binary.</summary>
    public static BuildInfo Current { get; } = FromAssembly(Assembly.GetEntryAssembly() ?? typeof(BuildInfo).Assembly);

    /// <summary>Labels for the build-info metric, named as upstream names them.</summary>
    public KeyValuePair<string, object?>[] Tags() =>
    [
        new("branch", Branch),
        new("goarch", RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()),
        new("goos", OperatingSystem.IsLinux() ? "linux" : RuntimeInformation.OSDescription),
        new("goversion", RuntimeVersion),
        new("revision", Revision),
        new("tags", "unknown"),
        new("version", Version),
    ];

    private static BuildInfo FromAssembly(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var version = plus >= 0 ? informational[..plus] : informational;
        var revision = plus >= 0 ? informational[(plus + 1)..] : "unknown";
        return new BuildInfo(version, revision, "main", "vigil", "unknown", "dotnet" + Environment.Version);
    }
}
