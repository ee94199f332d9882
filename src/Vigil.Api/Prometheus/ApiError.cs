namespace Vigil.Api.Prometheus;

/// <summary>The <c>errorType</c> values of upstream's API, each with its HTTP status code.</summary>
public enum ApiErrorType
{
    /// <summary>A parameter is missing or malformed (400).</summary>
    BadData,

    /// <summary>The query failed while evaluating (422).</summary>
    Execution,

    /// <summary>The client went away (499, as upstream).</summary>
    Canceled,

    /// <summary>The query ran past its timeout (503).</summary>
    Timeout,

    /// <summary>Storage or server failure (500).</summary>
    Internal,

    /// <summary>Nothing there (404).</summary>
    NotFound,

    /// <summary>The feature is switched off, e.g. the admin API without its flag (500, as upstream, which has no code of its own for it).</summary>
    Unavailable,
}

/// <summary>An API failure: its type (which fixes the status code) and the message users see.</summary>
public sealed class ApiError(ApiErrorType type, string message) : Exception(message)
{
    /// <summary>The error type.</summary>
    public ApiErrorType Type { get; } = type;

    /// <summary>The wire name of the type, e.g. <c>bad_data</c>.</summary>
    public string TypeName => Type switch
    {
        ApiErrorType.BadData => "bad_data",
        ApiErrorType.Execution => "execution",
        ApiErrorType.Canceled => "canceled",
        ApiErrorType.Timeout => "timeout",
        ApiErrorType.NotFound => "not_found",
        ApiErrorType.Unavailable => "unavailable",
        _ => "internal",
    };

    /// <summary>The HTTP status upstream answers with for this type.</summary>
    public int StatusCode => Type switch
    {
        ApiErrorType.BadData => 400,
        ApiErrorType.Execution => 422,
        ApiErrorType.Canceled => 499,
        ApiErrorType.Timeout => 503,
        ApiErrorType.NotFound => 404,
        _ => 500,
    };

    /// <summary><c>invalid parameter "name": detail</c>, upstream's wording for a bad parameter.</summary>
    public static ApiError InvalidParam(string parameter, string detail) =>
        new(ApiErrorType.BadData, $"invalid parameter \"{parameter}\": {detail}");
}
