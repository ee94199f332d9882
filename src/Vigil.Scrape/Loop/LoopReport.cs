namespace Vigil.Scrape.Loop;

/// <summary>
/// A loop's contribution to <see cref="ScrapeMetrics"/>: the time between the starts of its scrapes, and what each
/// scrape could not store. Kept apart from the loop so the scrape path itself stays as it is.
/// </summary>
internal sealed class LoopReport(ScrapeMetrics? metrics, TimeSpan interval)
{
    private readonly string _interval = Vigil.Model.Time.GoDurationText.Format(interval);
    private DateTimeOffset? _lastStart;

    /// <summary>Reports the scrape that started at <paramref name="start"/>, then clears <paramref name="rejections"/>.</summary>
    public void Scraped(DateTimeOffset start, AppendRejections rejections)
    {
        if (metrics is not null)
        {
            if (_lastStart is { } last)
            {
                metrics.Interval(start - last, _interval);
            }
            metrics.Rejected(rejections);
        }
        _lastStart = start;
        rejections.Reset();
    }
}
