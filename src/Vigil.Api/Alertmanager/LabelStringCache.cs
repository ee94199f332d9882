namespace Vigil.Api.Alertmanager;

/// <summary>
/// A small direct-mapped cache that makes equal label names and values share one string instance.
/// </summary>
/// <remarks>
/// Held alerts are mostly repeated text (label names, <c>alertname</c>, <c>job</c>, <c>severity</c>,
/// generator URLs), and each decoded alert would otherwise keep its own copies: sharing them is
/// most of an alert's footprint. Direct-mapped rather than a growing intern table so that unique
/// values (<c>instance</c>, per-alert summaries) can never grow it: they only evict a slot, and a
/// value repeated on every alert wins its slot back at once. Slots are single references, so
/// concurrent readers and writers at worst miss a share; they never see a wrong string.
/// </remarks>
internal static class LabelStringCache
{
    private const int SlotCount = 4096;

    // Longer strings are rarely repeated label text, and comparing them costs more than sharing saves.
    private const int MaxLength = 128;

    private static readonly string?[] Slots = new string?[SlotCount];

    /// <summary>The shared instance equal to <paramref name="text"/> (which becomes the shared one on a miss).</summary>
    public static string Share(string text)
    {
        if (text.Length > MaxLength)
        {
            return text;
        }
        var slot = (int)((uint)string.GetHashCode(text, StringComparison.Ordinal) % SlotCount);
        var cached = Volatile.Read(ref Slots[slot]);
        if (cached is not null && string.Equals(cached, text, StringComparison.Ordinal))
        {
            return cached;
        }
        Volatile.Write(ref Slots[slot], text);
        return text;
    }
}
