using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>Finds the objects a role's targets are enriched with (the pods behind endpoints, a pod's node, ...).</summary>
internal interface IKubeLookup
{
    /// <summary>Whether node metadata is attached (and nodes are watched).</summary>
    bool WithNodes { get; }

    /// <summary>Whether namespace metadata is attached (and namespaces are watched).</summary>
    bool WithNamespaces { get; }

    /// <summary>The object of <paramref name="kind"/> with store key <paramref name="key"/>, if known.</summary>
    JsonElement? Find(KubeResource kind, string key);
}

/// <summary>A lookup that knows nothing: for roles whose targets need no other object.</summary>
internal sealed class EmptyLookup : IKubeLookup
{
    /// <summary>The one instance.</summary>
    public static readonly EmptyLookup Instance = new();

    /// <inheritdoc />
    public bool WithNodes => false;

    /// <inheritdoc />
    public bool WithNamespaces => false;

    /// <inheritdoc />
    public JsonElement? Find(KubeResource kind, string key) => null;
}
