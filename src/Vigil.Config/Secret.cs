namespace Vigil.Config;

/// <summary>
/// A secret config value (password, token, webhook URL). It never prints itself: <see cref="ToString"/>
/// gives <c>&lt;secret&gt;</c>, so a secret cannot leak through logs, errors or the status API by accident.
/// Read the real value with <see cref="Reveal"/> only where it is sent to the far side.
/// </summary>
public sealed record Secret(string Value)
{
    /// <summary>What is shown instead of a secret.</summary>
    public const string Mask = "<secret>";

    /// <summary>The real value, for the one place that must send it.</summary>
    public string Reveal() => Value;

    /// <summary>Whether no value was given.</summary>
    public bool IsEmpty => Value.Length == 0;

    /// <inheritdoc />
    public override string ToString() => Mask;

    /// <summary>
    /// <paramref name="url"/> with the password of its user info (<c>https://user:pass@host</c>) replaced by
    /// <paramref name="mask"/>; null when it is not an absolute URL or carries no password.
    /// </summary>
    public static string? MaskUrlPassword(string url, string mask = Mask)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }
        var user = uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)];
        return new UriBuilder(uri) { UserName = user, Password = mask }.Uri.ToString();
    }
}
