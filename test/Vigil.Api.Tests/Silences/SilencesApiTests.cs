using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Api.Tests.Hosting;

namespace Vigil.Api.Tests.Silences;

public sealed class SilencesApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string At(TimeSpan fromNow) =>
        (DateTimeOffset.UtcNow + fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string Body(string matchers, TimeSpan start, TimeSpan end, string id = "") =>
        $$"""{"id":"{{id}}","matchers":{{matchers}},"startsAt":"{{At(start)}}","endsAt":"{{At(end)}}","createdBy":"tester","comment":"maintenance"}""";

    private const string AlertnameA = """[{"name":"alertname","value":"A","isRegex":false,"isEqual":true}]""";

    internal static async Task<string> CreateAsync(HttpClient http, string body)
    {
        var post = await http.PostAsync("/api/v2/silences", Json(body));
        var text = await post.Content.ReadAsStringAsync();
        Assert.True(post.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["silenceID"]!.GetValue<string>();
    }

    private static async Task<JsonArray> ListAsync(HttpClient http, string query = "") =>
        JsonNode.Parse(await http.GetStringAsync("/api/v2/silences" + query))!.AsArray();

    [Fact]
    public async Task PostSilence_Valid_GettableByIdInSpecShape()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var id = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)));

        var silence = JsonNode.Parse(await am.Http.GetStringAsync($"/api/v2/silence/{id}"))!.AsObject();

        Assert.Equal(id, silence["id"]!.GetValue<string>());
        Assert.Equal("active", silence["status"]!["state"]!.GetValue<string>());
        Assert.Equal("""[{"name":"alertname","value":"A","isRegex":false,"isEqual":true}]""", silence["matchers"]!.ToJsonString());
        Assert.Equal("tester", silence["createdBy"]!.GetValue<string>());
        Assert.Equal("maintenance", silence["comment"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", silence["endsAt"]!.GetValue<string>());
        Assert.NotNull(silence["updatedAt"]);
        Assert.NotNull(silence["startsAt"]);
    }

    [Fact]
    public async Task PostSilence_WithAnnotations_ReturnedByGet()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var body = Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)).TrimEnd('}') + ""","annotations":{"ticket":"OPS-7"}}""";
        var id = await CreateAsync(am.Http, body);

        var silence = JsonNode.Parse(await am.Http.GetStringAsync($"/api/v2/silence/{id}"))!.AsObject();

        Assert.Equal("""{"ticket":"OPS-7"}""", silence["annotations"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""[1]""", "annotations: expected an object of string values")]
    [InlineData("""{"k":1}""", "annotations.k: expected a string value")]
    public async Task PostSilence_BadAnnotations_400NamesField(string annotations, string message)
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var body = Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)).TrimEnd('}') + $",\"annotations\":{annotations}}}";

        var post = await am.Http.PostAsync("/api/v2/silences", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains(message, await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSilence_WithKnownId_UpdatesInPlace()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var id = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.FromHours(1), TimeSpan.FromHours(2)));

        var updated = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.FromHours(1), TimeSpan.FromHours(3), id));

        Assert.Equal(id, updated);
        Assert.Single(await ListAsync(am.Http));
    }

    [Fact]
    public async Task ListSilences_Filter_OnlyMatchingSilencesInUpstreamOrder()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var pending = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        var longer = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(5)));
        var shorter = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)));
        await CreateAsync(am.Http, Body("""[{"name":"alertname","value":"B","isRegex":false}]""", TimeSpan.Zero, TimeSpan.FromHours(1)));

        var listed = await ListAsync(am.Http, "?filter=" + Uri.EscapeDataString("alertname=\"A\""));

        Assert.Equal([shorter, longer, pending], listed.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(4, (await ListAsync(am.Http)).Count);
    }

    [Fact]
    public async Task DeleteSilence_Active_ExpiredAndStillListed()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var id = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)));

        var delete = await am.Http.DeleteAsync($"/api/v2/silence/{id}");

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var silence = JsonNode.Parse(await am.Http.GetStringAsync($"/api/v2/silence/{id}"))!;
        Assert.Equal("expired", silence["status"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await am.Http.DeleteAsync($"/api/v2/silence/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task SilenceById_Unknown_404(string method)
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);

        var response = await am.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/v2/silence/00000000-0000-0000-0000-000000000000"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostSilence_UnknownId_404()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);

        var post = await am.Http.PostAsync("/api/v2/silences", Json(Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1), "nope")));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("silence nope not found", JsonNode.Parse(await post.Content.ReadAsStringAsync())!.GetValue<string>());
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { Body("[]", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: at least one matcher required" },
        { Body(AlertnameA, TimeSpan.FromHours(2), TimeSpan.FromHours(1)), "Failed to create silence: start time must be before end time" },
        { Body(AlertnameA, TimeSpan.FromHours(-2), TimeSpan.FromHours(-1)), "Failed to create silence: end time can't be in the past" },
        { Body("""[{"name":"job","value":"(","isRegex":true}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: invalid label matcher 0: invalid regular expression \"(\"" },
        { Body("""[{"name":"","value":"x","isRegex":false}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: invalid label matcher 0: invalid label name \"\"" },
        { Body("""[{"name":"job","value":"","isRegex":false}]""", TimeSpan.Zero, TimeSpan.FromHours(1)), "silence invalid: at least one matcher must not match the empty string" },
        { "not json", "body must be a JSON silence object: invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostSilence_Invalid_400WithPreciseMessageAndNothingStored(string body, string message)
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);

        var post = await am.Http.PostAsync("/api/v2/silences", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.StartsWith(message, JsonNode.Parse(await post.Content.ReadAsStringAsync())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(am.Http));
    }

    [Fact]
    public async Task ListSilences_BadFilter_400()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);

        var response = await am.Http.GetAsync("/api/v2/silences?filter=" + Uri.EscapeDataString("{{"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetAlerts_SilencedAlert_SuppressedWithSilencedBy()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var id = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)));
        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"}}]"""))).EnsureSuccessStatusCode();

        var alerts = JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/alerts"))!.AsArray();

        var a = alerts.Single(x => x!["labels"]!["alertname"]!.GetValue<string>() == "A")!["status"]!;
        var b = alerts.Single(x => x!["labels"]!["alertname"]!.GetValue<string>() == "B")!["status"]!;
        Assert.Equal("suppressed", a["state"]!.GetValue<string>());
        Assert.Equal($"[\"{id}\"]", a["silencedBy"]!.ToJsonString());
        Assert.Equal("active", b["state"]!.GetValue<string>());
        Assert.Single(JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/alerts?silenced=false"))!.AsArray());
    }

    [Fact]
    public async Task GetAlerts_SilenceExpired_AlertActiveAgainAtQueryTime()
    {
        await using var am = await TestAlertmanager.StartAsync(AlertmanagerApiTests.Config);
        var id = await CreateAsync(am.Http, Body(AlertnameA, TimeSpan.Zero, TimeSpan.FromHours(1)));
        (await am.Http.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"A"}}]"""))).EnsureSuccessStatusCode();
        Assert.Contains("suppressed", await am.Http.GetStringAsync("/api/v2/alerts"), StringComparison.Ordinal);

        (await am.Http.DeleteAsync($"/api/v2/silence/{id}")).EnsureSuccessStatusCode();

        var status = JsonNode.Parse(await am.Http.GetStringAsync("/api/v2/alerts"))![0]!["status"]!;
        Assert.Equal("active", status["state"]!.GetValue<string>());
        Assert.Equal("[]", status["silencedBy"]!.ToJsonString());
    }
}
