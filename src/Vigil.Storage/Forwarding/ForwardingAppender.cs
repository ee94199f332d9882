namespace Vigil.Storage.Forwarding;

/// <summary>
/// An appender that copies what it appends and, once the inner appender has committed, hands the copy to a
/// forwarder. Only samples the storage accepted are copied, and nothing is forwarded unless the commit
/// succeeded, so a remote endpoint never sees a sample that local queries would not.
/// </summary>
public sealed class ForwardingAppender : IAppender
{
    private readonly IAppender _inner;
    private readonly ICommitForwarder _forwarder;
    private List<ForwardedSample> _pending = [];

    /// <summary>Wraps <paramref name="inner"/>, forwarding its commits to <paramref name="forwarder"/>.</summary>
    public ForwardingAppender(IAppender inner, ICommitForwarder forwarder)
    {
        _inner = inner;
        _forwarder = forwarder;
    }

    /// <inheritdoc />
    public AppendStatus Append(Model.Labels.LabelSet labels, long timestamp, double value)
    {
        var status = _inner.Append(labels, timestamp, value);
        if (status == AppendStatus.Ok)
        {
            _pending.Add(new ForwardedSample(labels, timestamp, value));
        }
        return status;
    }

    /// <inheritdoc />
    /// <remarks>The handle is the inner storage's; the forwarder gets the labels, which it needs to send.</remarks>
    public AppendStatus Append(ref SeriesRef series, Model.Labels.LabelSet labels, long timestamp, double value)
    {
        var status = _inner.Append(ref series, labels, timestamp, value);
        if (status == AppendStatus.Ok)
        {
            _pending.Add(new ForwardedSample(labels, timestamp, value));
        }
        return status;
    }

    /// <inheritdoc />
    public void Reserve(int samples) => _inner.Reserve(samples);

    /// <inheritdoc />
    public AppendStatus AppendHistogram(Model.Labels.LabelSet labels, long timestamp, Model.Histograms.FloatHistogram histogram)
    {
        var status = _inner.AppendHistogram(labels, timestamp, histogram);
        if (status == AppendStatus.Ok)
        {
            _pending.Add(new ForwardedSample(labels, timestamp, 0, histogram));
        }
        return status;
    }

    /// <inheritdoc />
    /// <remarks>Stored, not forwarded: the remote write sender carries float samples only.</remarks>
    public Exemplars.ExemplarStatus AppendExemplar(SeriesRef series, Model.Labels.LabelSet labels, Exemplars.Exemplar exemplar) =>
        _inner.AppendExemplar(series, labels, exemplar);

    /// <inheritdoc />
    public void Commit()
    {
        _inner.Commit();
        if (_pending.Count == 0)
        {
            return;
        }
        // The forwarder keeps the list, so the next batch starts a fresh one.
        var committed = _pending;
        _pending = [];
        _forwarder.Forward(committed);
    }

    /// <inheritdoc />
    public void Rollback()
    {
        _inner.Rollback();
        _pending.Clear();
    }
}
