namespace Vigil.Alertmanager.Notify.Receivers;

/// <summary>
/// Removes known secrets (webhook URLs, tokens, passwords) from text before it reaches an error,
/// a result or a log line. Upstream can log a request URL inside a transport error; a Slack
/// webhook URL is itself the credential, so we mask every form of it we know.
/// </summary>
public sealed class SecretScrubber
{
    private readonly List<string> _secrets = [];

    /// <summary>An empty scrubber.</summary>
    public SecretScrubber()
    {
    }

    /// <summary>Adds a secret value; URLs also register their path and query, which carry the credential.</summary>
    public SecretScrubber Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return this;
        }
        var value = secret.Trim();
        _secrets.Add(value);
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            _secrets.Add(uri.AbsoluteUri);
            if (uri.PathAndQuery.Length > 1)
            {
                _secrets.Add(uri.PathAndQuery);
            }
        }
        return this;
    }

    /// <summary>Adds a secret config value.</summary>
    public SecretScrubber Add(Secret? secret) => Add(secret?.Reveal());

    /// <summary>Replaces every known secret in <paramref name="text"/> with <see cref="Secret.Mask"/>.</summary>
    public string Scrub(string text)
    {
        // Longest first, so a URL is masked whole before its path is.
        foreach (var secret in _secrets.Distinct().OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Secret.Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
