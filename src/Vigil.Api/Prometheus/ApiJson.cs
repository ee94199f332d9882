using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vigil.Model.Labels;
using Vigil.PromQL.Parser;

namespace Vigil.Api.Prometheus;

/// <summary>What a successful call returns: a writer for <c>data</c> plus warnings and infos.</summary>
/// <param name="Data">Writes the value of the <c>data</c> field.</param>
public sealed record ApiResult(Action<Utf8JsonWriter> Data)
{
    /// <summary>Warnings shown beside the data (e.g. truncation by <c>limit</c>).</summary>
    public IReadOnlyCollection<string> Warnings { get; init; } = [];

    /// <summary>Infos shown beside the data.</summary>
    public IReadOnlyCollection<string> Infos { get; init; } = [];

    /// <summary>Whether the answer is an empty <c>204 No Content</c> (upstream's answer when a handler has no data at all).</summary>
    public bool IsNoContent { get; private init; }

    /// <summary>The empty answer: status 204 and no body.</summary>
    public static ApiResult NoContent { get; } = new(_ => { }) { IsNoContent = true };
}

/// <summary>
/// Writes upstream's response envelope (<c>status</c>, <c>data</c>, <c>errorType</c>, <c>error</c>,
/// <c>warnings</c>, <c>infos</c>) and its number formats: sample values as strings in Go's
/// shortest form, timestamps as seconds with at most three decimals.
/// </summary>
public static class ApiJson
{
    // Upstream escapes only what JSON requires (and HTML characters); the default encoder would also turn quotes into \u0022.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a success envelope with status 200.</summary>
    public static Task WriteSuccessAsync(HttpResponse response, ApiResult result, CancellationToken cancel) =>
        WriteAsync(response, 200, w =>
        {
            w.WriteString("status", "success");
            w.WritePropertyName("data");
            result.Data(w);
            WriteList(w, "warnings", result.Warnings);
            WriteList(w, "infos", result.Infos);
        }, cancel);

    /// <summary>Writes an error envelope with the status code of its type.</summary>
    public static Task WriteErrorAsync(HttpResponse response, ApiError error, CancellationToken cancel) =>
        WriteAsync(response, error.StatusCode, w =>
        {
            w.WriteString("status", "error");
            w.WriteString("errorType", error.TypeName);
            w.WriteString("error", error.Message);
        }, cancel);

    /// <summary>
    /// A sample value as upstream writes it: <c>"1.5"</c>, <c>"NaN"</c>, <c>"+Inf"</c>, and with an exponent
    /// below 1e-6 or from 1e21 on (<c>"3.5e-07"</c>), as upstream's JSON marshaller switches format there.
    /// </summary>
    public static string FormatValue(double value) =>
        Math.Abs(value) is var abs && abs != 0 && (abs < 1e-6 || abs >= 1e21) ? Printer.FormatExponent(value) : Printer.FormatNumber(value);

    /// <summary>
    /// A millisecond timestamp as seconds, as upstream writes it: the whole seconds, then a point and all three
    /// millisecond digits unless they are all zero (<c>1435781451.781</c>, <c>1.500</c>, <c>1.050</c>, <c>1</c>).
    /// </summary>
    public static string FormatTimestamp(long ms)
    {
        var negative = ms < 0;
        var magnitude = negative ? -(decimal)ms : ms;
        var whole = decimal.Truncate(magnitude / 1000m);
        var fraction = (int)(magnitude - (whole * 1000m));
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            text += "." + fraction.ToString("000", CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    /// <summary>Writes <c>[timestamp, "value"]</c>.</summary>
    public static void WritePoint(Utf8JsonWriter w, long ms, string value)
    {
        w.WriteStartArray();
        w.WriteRawValue(FormatTimestamp(ms), skipInputValidation: true);
        w.WriteStringValue(value);
        w.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>[timestamp, "value"]</c> for a sample value, formatted as <see cref="FormatValue"/> does but
    /// into a stack buffer and handed to the writer as one raw value: a range result has hundreds of thousands
    /// of points, and strings per point, or four writer calls per point, were most of the cost of writing it.
    /// Neither part needs escaping (digits, sign, point, exponent, <c>NaN</c>, <c>Inf</c>).
    /// </summary>
    public static void WritePoint(Utf8JsonWriter w, long ms, double value)
    {
        Span<byte> text = stackalloc byte[96];
        var n = 0;
        text[n++] = (byte)'[';
        n += FormatTimestamp(ms, text[n..]);
        text[n++] = (byte)',';
        text[n++] = (byte)'"';
        if (TryFormatValue(value, text[n..], out var written))
        {
            n += written;
        }
        else
        {
            n += System.Text.Encoding.ASCII.GetBytes(FormatValue(value), text[n..]);
        }
        text[n++] = (byte)'"';
        text[n++] = (byte)']';
        w.WriteRawValue(text[..n], skipInputValidation: true);
    }

    // FormatTimestamp into UTF-8 bytes; returns the length. 40 bytes hold any long's seconds and fraction.
    private static int FormatTimestamp(long ms, Span<byte> into)
    {
        var n = 0;
        // The magnitude as unsigned, so that long.MinValue does not overflow when negated.
        var magnitude = (ulong)ms;
        if (ms < 0)
        {
            into[n++] = (byte)'-';
            magnitude = (ulong)(-(ms + 1)) + 1;
        }
        (magnitude / 1000).TryFormat(into[n..], out var digits, default, CultureInfo.InvariantCulture);
        n += digits;
        var fraction = (int)(magnitude % 1000);
        if (fraction != 0)
        {
            into[n++] = (byte)'.';
            into[n++] = (byte)('0' + (fraction / 100));
            into[n++] = (byte)('0' + (fraction / 10 % 10));
            into[n++] = (byte)('0' + (fraction % 10));
        }
        return n;
    }

    // The common case of FormatValue (finite, between 1e-6 and 1e21, written without an exponent by "R")
    // formatted straight into bytes; false sends the rest to the string path.
    private static bool TryFormatValue(double value, Span<byte> into, out int written)
    {
        written = 0;
        var abs = Math.Abs(value);
        if (!double.IsFinite(value) || (abs != 0 && (abs < 1e-6 || abs >= 1e21)))
        {
            return false;
        }
        return value.TryFormat(into, out written, "R", CultureInfo.InvariantCulture) && into[..written].IndexOf((byte)'E') < 0;
    }

    /// <summary>Writes a label set as a JSON object in label order.</summary>
    public static void WriteLabels(Utf8JsonWriter w, LabelSet labels)
    {
        w.WriteStartObject();
        foreach (var label in labels)
        {
            w.WriteString(label.Name, label.Value);
        }
        w.WriteEndObject();
    }

    /// <summary>Writes a list of strings.</summary>
    public static void WriteStrings(Utf8JsonWriter w, IEnumerable<string> values)
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyCollection<string> values)
    {
        // Upstream omits empty annotation lists (omitempty).
        if (values.Count > 0)
        {
            w.WritePropertyName(name);
            WriteStrings(w, values);
        }
    }

    private static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> body, CancellationToken cancel)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        // Straight into the response's pipe, whose pooled blocks hold the body until the flush below: a range
        // answer of several megabytes would otherwise grow (and copy) one contiguous buffer to its full size first.
        using (var w = new Utf8JsonWriter(response.BodyWriter, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(cancel);
    }
}
