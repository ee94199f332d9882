using Microsoft.Extensions.Time.Testing;
using Vigil.Alertmanager.Notify;
using Vigil.Alertmanager.Notify.Receivers;

namespace Vigil.Alertmanager.Tests.Receivers;

/// <summary>
/// The kit every receiver's tests run: which HTTP statuses succeed, retry or fail for good, and
/// that no secret (URL, token, password) appears in any answer, error or meaning, whatever happens.
/// A receiver's test class derives from this and says how to send to a URL.
/// </summary>
public abstract class ReceiverKit
{
    /// <summary>The credential hidden in every URL and token the kit uses.</summary>
    protected const string SecretMarker = "SEKRETxyz123";

    /// <summary>Sends one sample notification to <paramref name="url"/> with <paramref name="time"/> as the clock.</summary>
    protected abstract Task<DeliveryAnswer> SendAsync(string url, TimeProvider time, TimeSpan timeout = default);

    /// <summary>A success body for this receiver.</summary>
    protected virtual string OkBody => "ok";

    public static TheoryData<int, bool, bool> StatusTable => new()
    {
        // status, success, retry
        { 200, true, false },
        { 204, true, false },
        { 400, false, false },
        { 401, false, false },
        { 403, false, false },
        { 404, false, false },
        { 410, false, false },
        { 413, false, false },
        { 429, false, true },
        { 500, false, true },
        { 502, false, true },
        { 503, false, true },
        { 504, false, true },
    };

    [Theory]
    [MemberData(nameof(StatusTable))]
    public async Task SendAsync_Status_RetriesOnlyServerErrorsAndRateLimits(int status, bool success, bool retry)
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(status, status is >= 200 and < 300 ? OkBody : "boom") };

        var answer = await SendAsync(endpoint.Url($"/hook/{SecretMarker}"), TimeProvider.System);

        Assert.Equal(success, answer.Success);
        Assert.Equal(retry, answer.Retry);
        Assert.Equal(status, answer.StatusCode);
    }

    [Fact]
    public async Task SendAsync_TooManyRequests_CarriesRetryAfter()
    {
        using var endpoint = new FakeEndpoint
        {
            Answer = new FakeAnswer(429, "rate_limited", Headers: new Dictionary<string, string> { ["Retry-After"] = "7" }),
        };

        var answer = await SendAsync(endpoint.Url($"/hook/{SecretMarker}"), TimeProvider.System);

        Assert.True(answer.Retry);
        Assert.Equal(TimeSpan.FromSeconds(7), answer.RetryAfter);
    }

    public static TheoryData<string> SecretScenarios => new() { "403", "500", "refused", "timeout", "badurl" };

    [Theory]
    [MemberData(nameof(SecretScenarios))]
    public async Task SendAsync_AnyFailure_NeverShowsTheSecret(string scenario)
    {
        using var endpoint = new FakeEndpoint
        {
            Answer = scenario switch
            {
                "403" => new FakeAnswer(403, "invalid_token"),
                "timeout" => new FakeAnswer(200, OkBody, Delay: TimeSpan.FromSeconds(30)),
                _ => new FakeAnswer(500, "internal error"),
            },
        };
        var url = scenario switch
        {
            "refused" => $"http://127.0.0.1:1/services/{SecretMarker}",
            "badurl" => $"htp:/not a url/{SecretMarker}",
            _ => endpoint.Url($"/services/{SecretMarker}"),
        };
        var time = new FakeTimeProvider(Samples.Now);

        var sending = SendAsync(url, time, scenario == "timeout" ? TimeSpan.FromSeconds(5) : default);
        if (scenario == "timeout")
        {
            await WaitForRequestAsync(endpoint);
            time.Advance(TimeSpan.FromSeconds(6));
        }
        var answer = await sending;

        Assert.False(answer.Success);
        Assert.DoesNotContain(SecretMarker, answer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretMarker, answer.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretMarker, answer.Meaning, StringComparison.Ordinal);
        Assert.NotEmpty(answer.Meaning);
    }

    [Fact]
    public async Task SendAsync_SlowEndpoint_TimesOutAndRetries()
    {
        using var endpoint = new FakeEndpoint { Answer = new FakeAnswer(200, OkBody, Delay: TimeSpan.FromSeconds(30)) };
        var time = new FakeTimeProvider(Samples.Now);

        var sending = SendAsync(endpoint.Url($"/hook/{SecretMarker}"), time, TimeSpan.FromSeconds(2));
        await WaitForRequestAsync(endpoint);
        time.Advance(TimeSpan.FromSeconds(3));
        var answer = await sending;

        Assert.False(answer.Success);
        Assert.True(answer.Retry);
        Assert.Null(answer.StatusCode);
        Assert.Equal(FailureReason.ContextDeadlineExceeded, answer.Reason);
    }

    protected static async Task WaitForRequestAsync(FakeEndpoint endpoint)
    {
        // Polls the endpoint's log, not a timer: the request arrives as soon as the client sends it.
        for (var i = 0; i < 500 && endpoint.Requests.IsEmpty; i++)
        {
            await Task.Yield();
            await Task.Delay(10);
        }
        Assert.False(endpoint.Requests.IsEmpty, "the request never arrived");
    }
}
