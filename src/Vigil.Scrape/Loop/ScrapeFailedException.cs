namespace Vigil.Scrape.Loop;

/// <summary>
/// A scrape that failed as a whole (HTTP error, timeout, body or sample limit, label limits). The message
/// is what the target's last error shows, worded as upstream words it.
/// </summary>
public sealed class ScrapeFailedException : Exception
{
    /// <summary>Creates the exception with the text the target's last error shows.</summary>
    public ScrapeFailedException(string message)
        : base(message)
    {
    }

    /// <summary>True when the body reached <c>body_size_limit</c> (reported as -1 by <c>scrape_body_size_bytes</c>).</summary>
    public bool BodySizeLimitExceeded { get; private init; }

    /// <summary>The failure of a body that reached <c>body_size_limit</c>, in upstream's words.</summary>
    public static ScrapeFailedException BodyTooLarge() => new("body size limit exceeded") { BodySizeLimitExceeded = true };

    /// <summary>Creates the exception wrapping its cause.</summary>
    public ScrapeFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
