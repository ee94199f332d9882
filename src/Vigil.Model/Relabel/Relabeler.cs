using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Model.Labels;

namespace Vigil.Model.Relabel;

/// <summary>How a label name produced by a replacement is validated before it is written.</summary>
public enum LabelNameRules
{
    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, as Prometheus 2.x and the <c>legacy</c> validation scheme.</summary>
    Legacy,

    /// <summary>Any non-empty valid UTF-8, as Prometheus 3.x's default <c>utf8</c> scheme.</summary>
    Utf8,
}

/// <summary>
/// Applies a list of relabel rules to label sets, in order, as Prometheus does for targets, scraped
/// series, alerts and remote write. Regexes are compiled once, when the relabeler is built; a relabeler
/// is immutable and safe to share between threads.
/// </summary>
public sealed class Relabeler
{
    private readonly RelabelConfig[] _configs;
    private readonly RelabelRegex[] _regexes;
    private readonly LabelNameRules _nameRules;

    /// <summary>Compiles the rules; throws <see cref="FormatException"/> naming the rule whose regex is invalid.</summary>
    public Relabeler(IReadOnlyList<RelabelConfig> configs, LabelNameRules nameRules = LabelNameRules.Legacy)
    {
        _configs = [.. configs];
        _regexes = new RelabelRegex[_configs.Length];
        for (var i = 0; i < _configs.Length; i++)
        {
            try
            {
                _regexes[i] = RelabelRegex.Compile(_configs[i].Regex);
            }
            catch (FormatException e)
            {
                throw new FormatException($"relabel rule {i + 1}: {e.Message}", e);
            }
        }
        _nameRules = nameRules;
    }

    /// <summary>A relabeler with no rules: it keeps everything unchanged.</summary>
    public static Relabeler None { get; } = new([]);

    /// <summary>Whether there are no rules (callers may skip the work).</summary>
    public bool IsEmpty => _configs.Length == 0;

    /// <summary>
    /// Applies every rule to <paramref name="labels"/>. Returns false when a rule drops the set
    /// (<paramref name="result"/> is then <see cref="LabelSet.Empty"/>); a set left with no labels is kept,
    /// as upstream leaves that decision to the caller.
    /// </summary>
    public bool Process(LabelSet labels, out LabelSet result)
    {
        result = labels;
        if (_configs.Length == 0)
        {
            return true;
        }
        var builder = new LabelBuilder(labels);
        for (var i = 0; i < _configs.Length; i++)
        {
            if (!Apply(_configs[i], _regexes[i], builder))
            {
                result = LabelSet.Empty;
                return false;
            }
        }
        result = builder.ToLabelSet();
        return true;
    }

    private bool Apply(RelabelConfig cfg, RelabelRegex regex, LabelBuilder lb)
    {
        var value = JoinSources(cfg, lb);
        switch (cfg.Action)
        {
            case RelabelAction.Drop:
                return !regex.IsMatch(value);
            case RelabelAction.Keep:
                return regex.IsMatch(value);
            case RelabelAction.DropEqual:
                return !string.Equals(lb.Get(cfg.TargetLabel), value, StringComparison.Ordinal);
            case RelabelAction.KeepEqual:
                return string.Equals(lb.Get(cfg.TargetLabel), value, StringComparison.Ordinal);
            case RelabelAction.Replace:
                Replace(cfg, regex, lb, value);
                return true;
            case RelabelAction.Lowercase:
                lb.Set(cfg.TargetLabel, value.ToLowerInvariant());
                return true;
            case RelabelAction.Uppercase:
                lb.Set(cfg.TargetLabel, value.ToUpperInvariant());
                return true;
            case RelabelAction.HashMod:
                lb.Set(cfg.TargetLabel, HashMod(value, cfg.Modulus).ToString(CultureInfo.InvariantCulture));
                return true;
            default:
                ApplyToNames(cfg, regex, lb);
                return true;
        }
    }

    /// <summary>labelmap, labeldrop and labelkeep: walk a snapshot of the names, so renames don't feed back.</summary>
    private static void ApplyToNames(RelabelConfig cfg, RelabelRegex regex, LabelBuilder lb)
    {
        foreach (var label in lb.Snapshot())
        {
            switch (cfg.Action)
            {
                case RelabelAction.LabelMap when regex.Match(label.Name) is { } m:
                    lb.Set(regex.Expand(cfg.Replacement, m), label.Value);
                    break;
                case RelabelAction.LabelDrop when regex.IsMatch(label.Name):
                    lb.Delete(label.Name);
                    break;
                case RelabelAction.LabelKeep when !regex.IsMatch(label.Name):
                    lb.Delete(label.Name);
                    break;
                case RelabelAction.LabelMap or RelabelAction.LabelDrop or RelabelAction.LabelKeep:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(cfg), cfg.Action, "unknown relabel action");
            }
        }
    }

    private void Replace(RelabelConfig cfg, RelabelRegex regex, LabelBuilder lb, string value)
    {
        // Upstream's shortcut: an empty input with the default regex and no references just writes the replacement.
        if (value.Length == 0 && regex.Pattern == "(.*)" && !cfg.TargetLabel.Contains('$') && !cfg.Replacement.Contains('$'))
        {
            lb.Set(cfg.TargetLabel, cfg.Replacement);
            return;
        }
        if (regex.Match(value) is not { } match)
        {
            return;
        }
        var target = regex.Expand(cfg.TargetLabel, match);
        if (!IsValidName(target))
        {
            return;
        }
        lb.Set(target, regex.Expand(cfg.Replacement, match));
    }

    private bool IsValidName(string name) =>
        _nameRules == LabelNameRules.Legacy ? LabelName.IsClassic(name) : LabelName.IsValid(name);

    private static string JoinSources(RelabelConfig cfg, LabelBuilder lb)
    {
        var sources = cfg.SourceLabels;
        return sources.Count switch
        {
            0 => "",
            1 => lb.Get(sources[0]),
            _ => string.Join(cfg.Separator, sources.Select(lb.Get)),
        };
    }

    /// <summary>
    /// Upstream's hashmod: MD5 of the UTF-8 input, the last 8 bytes read big-endian, modulo the modulus.
    /// Bit-exact so the same targets shard to the same Prometheus replica as with upstream.
    /// </summary>
    internal static ulong HashMod(string value, ulong modulus)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(value), hash);
        var sum = BinaryPrimitives.ReadUInt64BigEndian(hash[8..]);
        return modulus == 0 ? 0 : sum % modulus;
    }
}
