using Vigil.IntegrationTests.Harness;

namespace Vigil.IntegrationTests.BadInput;

/// <summary>Malformed <c>POST /api/v2/alerts</c> bodies are answered 400 (and nothing is stored).</summary>
public sealed class ApiBodyTests
{
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["truncated-json"] = "[{",
        ["object-not-array"] = """{"labels":{"a":"b"}}""",
        ["empty-labels"] = """[{"labels":{}}]""",
        ["bad-time"] = """[{"labels":{"a":"b"},"startsAt":"nope"}]""",
        ["ends-before-starts"] = """[{"labels":{"a":"b"},"startsAt":"2024-01-02T00:00:00Z","endsAt":"2024-01-01T00:00:00Z"}]""",
        ["invalid-label-name"] = """[{"labels":{"a b":"c"}}]""",
    };

    public static TheoryData<AlertmanagerFlavor, string> Cases
    {
        get
        {
            var data = new TheoryData<AlertmanagerFlavor, string>();
            foreach (var flavor in Flavors.List)
            {
                foreach (var name in Bodies.Keys)
                {
                    data.Add(flavor, name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PostAlerts_MalformedBody_Answers400AndStoresNothing(AlertmanagerFlavor flavor, string name)
    {
        await using var am = await AlertmanagerServer.StartAsync(flavor, "route:\n  receiver: r\nreceivers:\n- name: r\n");

        using var response = await am.PostAlertsAsync(Bodies[name]);

        Assert.True(400 == (int)response.StatusCode, $"{am.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Empty(await am.GetAlertsAsync());
    }
}
