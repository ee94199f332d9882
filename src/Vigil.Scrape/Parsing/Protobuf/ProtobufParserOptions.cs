namespace Vigil.Scrape.Parsing.Protobuf;

/// <summary>How a protobuf scrape treats histograms (a job's <c>scrape_native_histograms</c> and friends).</summary>
/// <param name="ScrapeNativeHistograms">
/// Whether native histograms are ingested as such; when false their native parts are ignored and only the classic
/// buckets (if any) are read, as upstream does.
/// </param>
/// <param name="AlwaysScrapeClassicHistograms">Whether a histogram exposed both ways also yields its classic series.</param>
/// <param name="ConvertClassicHistogramsToNhcb">
/// Whether a classic histogram becomes a native histogram with custom buckets (schema -53); its classic series are
/// then kept only with <paramref name="AlwaysScrapeClassicHistograms"/>.
/// </param>
public sealed record ProtobufParserOptions(
    bool ScrapeNativeHistograms = true,
    bool AlwaysScrapeClassicHistograms = false,
    bool ConvertClassicHistogramsToNhcb = false);
