using Vigil.Scrape.Loop;

namespace Vigil.Scrape.Tests.Loop;

public sealed class MetadataCacheTests
{
    private const string Text = "text/plain; version=0.0.4";
    private const string OpenMetrics = "application/openmetrics-text; version=1.0.0";

    private static string Describe(IEnumerable<MetricMetadata> metadata) =>
        string.Join(" | ", metadata.Select(m => $"{m.Family}:{m.TypeName}:{m.Unit}:{m.Help}"));

    [Theory]
    [InlineData(Text, "# HELP a_total Things done.\n# TYPE a_total counter\na_total 1\n", "a_total:counter::Things done.")]
    [InlineData(Text, "# TYPE g gauge\ng 1\n", "g:gauge::")]
    [InlineData(Text, "# HELP h Only help.\nh 1\n", "h:unknown::Only help.")]
    [InlineData(Text, "# TYPE u untyped\nu 1\n", "u:unknown::")]
    [InlineData(Text, "# HELP e Line\\nbreak and \\\\ slash.\ne 1\n", "e:unknown::Line\nbreak and \\ slash.")]
    [InlineData(Text, "plain 1\n", "")]
    [InlineData(OpenMetrics, "# TYPE req_seconds counter\n# UNIT req_seconds seconds\n# HELP req_seconds Requests.\nreq_seconds_total 1\n# EOF\n", "req_seconds:counter:seconds:Requests.")]
    [InlineData(OpenMetrics, "# TYPE s stateset\ns{s=\"a\"} 1\n# TYPE i info\ni_info{v=\"1\"} 1\n# EOF\n", "i:info:: | s:stateset::")]
    public async Task ScrapeOnce_MetadataLines_ListedPerFamily(string contentType, string body, string expected)
    {
        var fixture = new LoopFixture();
        fixture.Exporter.ContentType = contentType;

        await fixture.ScrapeAsync(body);

        Assert.Equal(expected, Describe(fixture.Loop.Metadata));
    }

    [Fact]
    public async Task ScrapeOnce_HelpChanges_NewTextPublished()
    {
        var fixture = new LoopFixture();
        await fixture.ScrapeAsync("# HELP m First.\n# TYPE m gauge\nm 1\n# HELP n Other.\nn 1\n");
        var first = fixture.Loop.Metadata;

        await fixture.ScrapeAsync("# HELP m First.\n# TYPE m gauge\nm 1\n# HELP n Other.\nn 1\n");
        Assert.Same(first, fixture.Loop.Metadata);

        await fixture.ScrapeAsync("# HELP n Other.\nn 1\n# HELP m Second.\n# TYPE m counter\nm 1\n");
        Assert.Equal("m:counter::Second. | n:unknown::Other.", Describe(fixture.Loop.Metadata));
    }

    [Fact]
    public async Task ScrapeOnce_FamilyGone_KeptForTenScrapesThenForgotten()
    {
        var fixture = new LoopFixture();
        await fixture.ScrapeAsync("# TYPE old gauge\nold 1\n# TYPE kept gauge\nkept 1\n");

        for (var i = 0; i < 10; i++)
        {
            await fixture.ScrapeAsync("# TYPE kept gauge\nkept 1\n");
            Assert.Equal("kept:gauge:: | old:gauge::", Describe(fixture.Loop.Metadata));
        }
        await fixture.ScrapeAsync("# TYPE kept gauge\nkept 1\n");

        Assert.Equal("kept:gauge::", Describe(fixture.Loop.Metadata));
    }

    [Fact]
    public async Task ScrapeOnce_FailedScrape_ForgetsNothing()
    {
        var fixture = new LoopFixture();
        await fixture.ScrapeAsync("# TYPE m gauge\nm 1\n");
        fixture.Exporter.Status = System.Net.HttpStatusCode.InternalServerError;

        for (var i = 0; i < 15; i++)
        {
            await fixture.ScrapeAsync("");
        }

        Assert.Equal("m:gauge::", Describe(fixture.Loop.Metadata));
    }

    [Fact]
    public async Task ScrapeOnce_ParseErrorAfterMetadata_MetadataSoFarKept()
    {
        var fixture = new LoopFixture();

        var health = await fixture.ScrapeAsync("# TYPE m gauge\nm 1\n# TYPE bad nonsense\n");

        Assert.Equal(HealthState.Down, health.Health);
        Assert.Equal("m:gauge::", Describe(fixture.Loop.Metadata));
    }
}
