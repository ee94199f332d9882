namespace Vigil.Api.Logging;

/// <summary>Output format of log lines, as <c>--log.format</c> names them.</summary>
public enum LogFormat
{
    /// <summary><c>ts=... level=info caller=... msg="..." key=value</c>.</summary>
    Logfmt,
    /// <summary>One JSON object per line with the same keys.</summary>
    Json,
}
