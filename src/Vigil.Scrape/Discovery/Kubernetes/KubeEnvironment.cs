namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>
/// What discovery takes from the process's surroundings, injectable for tests: environment variables, the
/// service account directory, and how an HTTP handler is made for a connection.
/// </summary>
public sealed record KubeEnvironment
{
    /// <summary>Where a pod's service account token, CA and namespace are mounted.</summary>
    public const string DefaultServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The real process environment.</summary>
    public static readonly KubeEnvironment Process = new();

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The service account directory.</summary>
    public string ServiceAccountDir { get; init; } = DefaultServiceAccountDir;

    /// <summary>Makes the handler for a connection (the seam where a shared HTTP client factory plugs in).</summary>
    public Func<KubeConnection, HttpMessageHandler> CreateHandler { get; init; } = KubeHttpHandler.Create;
}
