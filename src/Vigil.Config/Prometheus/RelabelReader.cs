using Vigil.Config.Loading;
using Vigil.Model;
using Vigil.Model.Labels;
using Vigil.Model.Relabel;

namespace Vigil.Config.Prometheus;

/// <summary>Reads relabel rules and checks each action's combination of fields as upstream does.</summary>
internal static class RelabelReader
{
    private static readonly RelabelConfig Defaults = new();

    private static readonly Dictionary<string, RelabelAction> Actions = Enum.GetValues<RelabelAction>()
        .ToDictionary(a => a.ToString().ToLowerInvariant(), a => a, StringComparer.Ordinal);

    /// <summary>The actions that write <see cref="RelabelConfig.TargetLabel"/>, so need one.</summary>
    private static readonly HashSet<RelabelAction> NeedTarget =
        [RelabelAction.Replace, RelabelAction.HashMod, RelabelAction.Lowercase, RelabelAction.Uppercase, RelabelAction.KeepEqual, RelabelAction.DropEqual];

    private static readonly HashSet<RelabelAction> NoReplacement =
        [RelabelAction.Lowercase, RelabelAction.Uppercase, RelabelAction.KeepEqual, RelabelAction.DropEqual];

    public static IReadOnlyList<RelabelConfig> ReadAll(MapReader parent, string key) =>
        parent.MapList(key, PrometheusKeys.Relabel).Select(Read).OfType<RelabelConfig>().ToList();

    private static RelabelConfig? Read(MapReader m)
    {
        var action = ReadAction(m);
        var regex = m.String("regex") ?? Defaults.Regex;
        CheckRegex(m, regex);
        var modulus = m.Int("modulus") ?? 0;
        if (modulus < 0)
        {
            m.Context.Error(m.Value("modulus")!, m.PathOf("modulus"), "modulus must not be negative");
        }
        var config = new RelabelConfig
        {
            SourceLabels = ReadSourceLabels(m),
            Separator = m.String("separator") ?? Defaults.Separator,
            Regex = regex,
            Modulus = (ulong)Math.Max(0, modulus),
            TargetLabel = m.String("target_label") ?? Defaults.TargetLabel,
            Replacement = m.String("replacement") ?? Defaults.Replacement,
            Action = action ?? RelabelAction.Replace,
        };
        return action is null || !Validate(m, config) ? null : config;
    }

    private static RelabelAction? ReadAction(MapReader m)
    {
        if (m.String("action") is not { } text)
        {
            return RelabelAction.Replace;
        }
        // Upstream accepts any case (Replace, LabelMap ...).
        if (Actions.TryGetValue(text.ToLowerInvariant(), out var action))
        {
            return action;
        }
        m.Context.Error(m.Value("action")!, m.PathOf("action"), $"unknown relabel action {GoString.Quote(text)}",
            KeyAdvice.DidYouMean(Actions.Keys, text) ?? $"use one of {string.Join(", ", Actions.Keys)}");
        return null;
    }

    private static IReadOnlyList<string> ReadSourceLabels(MapReader m)
    {
        var labels = m.StringList("source_labels") ?? [];
        foreach (var bad in labels.Where(l => !LabelName.IsValid(l)))
        {
            m.Context.Error(m.Value("source_labels")!, m.PathOf("source_labels"), $"{GoString.Quote(bad)} is not a valid label name");
        }
        return labels;
    }

    private static void CheckRegex(MapReader m, string regex)
    {
        try
        {
            _ = GoRegex.CompileAnchored(regex);
        }
        catch (FormatException e)
        {
            m.Context.Error(m.Value("regex")!, m.PathOf("regex"), $"invalid regex: {e.Message}",
                "relabel regexes are RE2, matched against the whole value; quote the pattern in single quotes");
        }
    }

    /// <summary>Reports the first problem with the fields this action uses, in upstream's order and words.</summary>
    private static bool Validate(MapReader m, RelabelConfig c)
    {
        var name = c.Action.ToString().ToLowerInvariant();
        string? error = null;
        string at = "action";
        if (c.Action == RelabelAction.HashMod && c.Modulus == 0)
        {
            (error, at) = ("relabel configuration for hashmod requires non-zero modulus", "modulus");
        }
        else if (NeedTarget.Contains(c.Action) && c.TargetLabel.Length == 0)
        {
            (error, at) = ($"relabel configuration for {name} action requires 'target_label' value", "target_label");
        }
        else if (NeedTarget.Contains(c.Action) && !LabelName.IsValid(c.TargetLabel))
        {
            (error, at) = ($"{GoString.Quote(c.TargetLabel)} is invalid 'target_label' for {name} action", "target_label");
        }
        else if (NoReplacement.Contains(c.Action) && c.Replacement != Defaults.Replacement)
        {
            (error, at) = ($"'replacement' can not be set for {name} action", "replacement");
        }
        else if (c.Action == RelabelAction.LabelMap && !LabelName.IsValid(c.Replacement))
        {
            (error, at) = ($"{GoString.Quote(c.Replacement)} is invalid 'replacement' for {name} action", "replacement");
        }
        else if (c.Action is RelabelAction.KeepEqual or RelabelAction.DropEqual
            && (c.Regex != Defaults.Regex || c.Modulus != 0 || c.Separator != Defaults.Separator))
        {
            error = $"{name} action requires only 'source_labels' and `target_label`, and no other fields";
        }
        else if (c.Action is RelabelAction.LabelDrop or RelabelAction.LabelKeep
            && (m.HasKey("source_labels") || c.TargetLabel.Length > 0 || c.Modulus != 0 || c.Separator != Defaults.Separator || c.Replacement != Defaults.Replacement))
        {
            error = $"{name} action requires only 'regex', and no other fields";
        }
        if (error is null)
        {
            return true;
        }
        m.Context.Error(m.Value(at) ?? m.Node, m.PathOf(at), error);
        return false;
    }
}
