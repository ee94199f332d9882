using System.Text.Json;

namespace Vigil.Scrape.Discovery.Kubernetes;

/// <summary>One line of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, and its object.</summary>
internal readonly record struct WatchEvent(string Type, JsonElement Object);

/// <summary>The result of a LIST: the items and the resource version to watch from.</summary>
internal sealed record ListResult(IReadOnlyList<JsonElement> Items, string ResourceVersion);
