using System.Text.Json.Nodes;

namespace Vigil.IntegrationTests.Differential;

/// <summary>One request an implementation made to its sink, normalised for comparison: the time is seconds
/// from the scenario start and timestamps inside the body are offsets too (see <see cref="DeliveryNormaliser"/>).</summary>
public sealed record Delivery(string Path, double Offset, string ContentType, int AnsweredStatus, JsonNode Body)
{
    public override string ToString() => $"t+{Offset:0.00}s {Path} -> {AnsweredStatus} {Body.ToJsonString()}";
}
