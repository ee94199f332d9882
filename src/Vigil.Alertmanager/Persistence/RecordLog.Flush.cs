namespace Vigil.Alertmanager.Persistence;

/// <summary>The group-commit flusher of <see cref="RecordLog"/>.</summary>
public sealed partial class RecordLog
{
    // The flusher thread: sleeps until something is queued, then takes everything queued as one
    // batch. On close it drains the queue before it exits, so no waiter is left hanging.
    private void FlushLoop()
    {
        while (true)
        {
            List<PendingRecord> batch;
            lock (_queueGate)
            {
                while (_queue.Count == 0 && !_closing)
                {
                    Monitor.Wait(_queueGate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                batch = _queue;
                _queue = [];
            }

            var error = WriteBatch(batch);
            foreach (var pending in batch)
            {
                if (error is null)
                {
                    pending.Done.SetResult();
                }
                else
                {
                    pending.Done.SetException(error);
                }
            }
        }
    }

    // One write and one fsync for the whole batch. On failure the file is cut back to where the
    // batch began, so a half-written batch cannot sit in front of later records (recovery stops
    // at the first bad record and would drop everything after it).
    private Exception? WriteBatch(List<PendingRecord> batch)
    {
        var size = 0;
        foreach (var pending in batch)
        {
            size += pending.Frame.Length;
        }

        var buffer = new byte[size];
        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Frame.CopyTo(buffer, offset);
            offset += pending.Frame.Length;
        }

        lock (_fileLock)
        {
            var start = _file.Length;
            try
            {
                _file.Write(buffer);
                _sync.Flush(_file);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                TryCutBack(start);
                return new IOException($"{_path}: writing {batch.Count} record(s) failed: {e.Message}", e);
            }
        }
    }

    private void TryCutBack(long length)
    {
        try
        {
            _file.SetLength(length);
            _file.Seek(0, SeekOrigin.End);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Nothing better to do: the waiters get the original error; recovery's torn-tail
            // handling covers a file left longer than its last good record.
        }
    }

    private sealed class PendingRecord(byte[] frame)
    {
        public byte[] Frame { get; } = frame;

        // Asynchronous continuations: completing a waiter must not run its request on the flusher.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
