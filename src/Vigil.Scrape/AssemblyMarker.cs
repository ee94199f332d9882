namespace Vigil.Scrape;

/// <summary>Names this assembly for tests and reflection; it carries no behaviour.</summary>
public static class AssemblyMarker
{
}
