namespace Vigil.Alertmanager.Config.Loading;

/// <summary>The <c>host:port</c> form of SMTP smarthosts (Go's net.SplitHostPort, with a non-empty port).</summary>
internal static class HostPort
{
    public static bool IsValid(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && text.Length > close + 2 && text[close + 1] == ':';
        }
        var colon = text.LastIndexOf(':');
        return colon >= 0 && colon == text.IndexOf(':', StringComparison.Ordinal) && colon < text.Length - 1;
    }
}
