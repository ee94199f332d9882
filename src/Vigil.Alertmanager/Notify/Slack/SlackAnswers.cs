using System.Globalization;
using System.Text.Json;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Notify.Slack;

/// <summary>
/// Reads Slack's answer and says what it means. Incoming webhooks answer <c>ok</c> or an error code
/// in plain text with a 4xx status; the Web API answers 200 with <c>{"ok":false,"error":"..."}</c>,
/// which is a failure too.
/// </summary>
public static class SlackAnswers
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["invalid_token"] = "the webhook was revoked or mistyped; create a new webhook URL in Slack and update api_url",
        ["channel_not_found"] = "the channel does not exist or the app is not in it",
        ["no_service"] = "the webhook URL is wrong or the app was removed",
        ["no_service_id"] = "the webhook URL is incomplete; copy it again from Slack",
        ["no_team"] = "the webhook URL's workspace part is wrong; copy it again from Slack",
        ["team_disabled"] = "the Slack workspace is disabled",
        ["channel_is_archived"] = "the channel is archived; unarchive it or use another channel",
        ["invalid_payload"] = "Slack could not read the message; check the templated fields",
        ["no_text"] = "the message is empty; check the title and text templates",
        ["user_not_found"] = "the channel names a user that does not exist",
        ["action_prohibited"] = "a workspace admin has restricted posting with this webhook",
        ["posting_to_general_channel_denied"] = "only admins may post to this channel",
        ["too_many_attachments"] = "the message has too many attachments",
        ["msg_too_long"] = "the message is too long; shorten the templates",
        ["rollup_error"] = "Slack had an internal error; will retry",
        ["invalid_auth"] = "the app token is not valid; check app_token",
        ["not_authed"] = "no app token was sent; set app_token or app_token_file",
        ["token_revoked"] = "the app token was revoked; issue a new one",
        ["token_expired"] = "the app token expired; issue a new one",
        ["account_inactive"] = "the app token belongs to a deleted user or app",
        ["not_in_channel"] = "the app is not a member of the channel; invite it (/invite @app)",
        ["missing_scope"] = "the app token lacks the chat:write scope",
        ["is_archived"] = "the channel is archived; unarchive it or use another channel",
        ["ratelimited"] = "Slack is rate limiting this app; will retry after Retry-After",
        ["rate_limited"] = "Slack is rate limiting this app; will retry after Retry-After",
    };

    /// <summary>Classifies Slack's answer.</summary>
    public static DeliveryAnswer Classify(HttpAnswer answer)
    {
        var status = answer.StatusCode;
        var code = ErrorCode(answer);
        if (StatusRules.IsSuccess(status))
        {
            return code is null
                ? new DeliveryAnswer(true, false, status, Summary(answer.Body), null, "", FailureReason.Other)
                : new DeliveryAnswer(false, false, status, HttpDelivery.Shorten(answer.Body), null, Meaning(status, code), FailureReason.ClientError);
        }
        return new DeliveryAnswer(false, StatusRules.ShouldRetry(status), status, HttpDelivery.Shorten(answer.Body), answer.RetryAfter,
            Meaning(status, code), FailureReasons.FromStatusCode(status));
    }

    /// <summary>"403 invalid_token: the webhook was revoked or mistyped" — status, Slack's code, and what it means.</summary>
    public static string Meaning(int status, string? code)
    {
        var statusText = status.ToString(CultureInfo.InvariantCulture);
        if (code is not null && Meanings.TryGetValue(code, out var meaning))
        {
            return $"{statusText} {code}: {meaning}";
        }
        var generic = status == 404
            ? "the webhook URL is wrong or the app was removed"
            : StatusRules.IsSuccess(status) ? "Slack refused the message" : StatusRules.GenericMeaning(status);
        return code is null ? $"{statusText}: {generic}" : $"{statusText} {code}: {generic}";
    }

    // A Web API success echoes the whole message back; "ok" is all anyone needs to see.
    private static string Summary(string body) => body.StartsWith('{') ? "{\"ok\":true}" : HttpDelivery.Shorten(body);

    /// <summary>Slack's error code in the answer, or null when the answer is a success.</summary>
    private static string? ErrorCode(HttpAnswer answer)
    {
        var body = answer.Body;
        if (body.StartsWith('{'))
        {
            return JsonError(body);
        }
        if (body == "ok" || (body.Length == 0 && StatusRules.IsSuccess(answer.StatusCode)))
        {
            return null;
        }
        if (IsBareCode(body))
        {
            return body;
        }
        // Upstream treats any 2xx text other than "ok" as a failure; an error page is not a code.
        return StatusRules.IsSuccess(answer.StatusCode) ? "unexpected_answer" : null;
    }

    /// <summary>Webhook errors are a bare code like <c>invalid_token</c>; HTML pages and sentences are not.</summary>
    private static bool IsBareCode(string body) =>
        body.Length is > 0 and <= 64 && body.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string? JsonError(string body)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<SlackApiResponse>(body);
            return parsed is null || parsed.Ok ? null : parsed.Error ?? "unknown_error";
        }
        catch (JsonException)
        {
            return "unreadable_answer";
        }
    }
}
