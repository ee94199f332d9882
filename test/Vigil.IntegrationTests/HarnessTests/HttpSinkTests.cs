using System.Net;
using System.Text;
using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.HarnessTests;

public sealed class HttpSinkTests
{
    public static TheoryData<string, int, string> Scripted => new()
    {
        { "ok", 200, "ok" },
        { "invalid_token", 403, "invalid_token" },
        { "channel_not_found", 404, "channel_not_found" },
        { "server_error", 500, "internal error" },
        { "rate_limited", 429, "rate_limited" },
    };

    [Theory]
    [MemberData(nameof(Scripted))]
    public async Task Script_EachCannedAnswer_IsServedThenFallsBackToOk(string name, int status, string body)
    {
        var response = name switch
        {
            "ok" => SinkResponse.Ok,
            "invalid_token" => SinkResponse.InvalidToken,
            "channel_not_found" => SinkResponse.ChannelNotFound,
            "server_error" => SinkResponse.ServerError,
            _ => SinkResponse.TooManyRequests(3),
        };
        await using var sink = await HttpSink.StartAsync();
        sink.Script("/slack", response);
        using var client = new HttpClient();

        using var first = await client.PostAsync(sink.Url("/slack"), new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
        using var second = await client.PostAsync(sink.Url("/slack"), new StringContent("{}"));

        Assert.Equal(status, (int)first.StatusCode);
        Assert.Equal(body, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("{\"a\":1}", sink.On("/slack")[0].Body);
        Assert.Equal(2, sink.On("/slack").Count);
    }

    [Fact]
    public async Task TooManyRequests_Always_SendsRetryAfter()
    {
        await using var sink = await HttpSink.StartAsync();
        sink.Always("/x", SinkResponse.TooManyRequests(7));
        using var client = new HttpClient();

        using var response = await client.PostAsync(sink.Url("/x"), new StringContent(""));

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Requests_DifferentPaths_AreRecordedSeparatelyWithHeaders()
    {
        await using var sink = await HttpSink.StartAsync();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-Test", "yes");

        (await client.PostAsync(sink.Url("/a"), new StringContent("1"))).Dispose();
        (await client.PostAsync(sink.Url("/b"), new StringContent("2"))).Dispose();

        Assert.Single(sink.On("/a"));
        Assert.Equal("2", sink.On("/b").Single().Body);
        Assert.Equal("yes", sink.On("/a").Single().Headers["X-Test"]);
    }
}
