using Vigil.Model.Labels;

namespace Vigil.Rules.Evaluation;

/// <summary>What the host gives every rule: how to query, and the identity used in templates and links.</summary>
public sealed record RuleContext
{
    /// <summary>Evaluates rule expressions (and the <c>query</c> template function).</summary>
    public required RuleQueryFunc Query { get; init; }

    /// <summary>The server's <c>external_labels</c>, seen by templates as <c>$externalLabels</c>.</summary>
    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>The server's external URL: <c>$externalURL</c>, and the base of each alert's generator URL.</summary>
    public string ExternalUrl { get; init; } = "";
}
