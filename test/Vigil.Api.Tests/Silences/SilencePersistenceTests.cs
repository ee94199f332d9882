using System.Text.Json.Nodes;
using Vigil.Api.Tests.Hosting;

namespace Vigil.Api.Tests.Silences;

public sealed class SilencePersistenceTests
{
    [Fact]
    public async Task Restart_SameStoragePath_SilenceKept()
    {
        var storage = Directory.CreateTempSubdirectory("vigil-silences-").FullName;
        try
        {
            string id;
            await using (var first = await TestAlertmanager.StartWithStorageAsync(AlertmanagerApiTests.Config, storage))
            {
                id = await SilencesApiTests.CreateAsync(first.Http, SilencesApiTests.Body("""[{"name":"alertname","value":"A","isRegex":false}]""", TimeSpan.Zero, TimeSpan.FromHours(1)));
            }

            await using var second = await TestAlertmanager.StartWithStorageAsync(AlertmanagerApiTests.Config, storage);
            var silence = JsonNode.Parse(await second.Http.GetStringAsync($"/api/v2/silence/{id}"))!;

            Assert.Equal("active", silence["status"]!["state"]!.GetValue<string>());
            Assert.Equal("maintenance", silence["comment"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(storage, recursive: true);
        }
    }
}
