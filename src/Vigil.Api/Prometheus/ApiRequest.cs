using Microsoft.AspNetCore.Http;

namespace Vigil.Api.Prometheus;

/// <summary>
/// The parameters of one API call, merged as Go's <c>Request.FormValue</c> merges them: values from
/// a POSTed <c>application/x-www-form-urlencoded</c> body come before those of the URL query.
/// </summary>
public sealed class ApiRequest
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Creates a request from name/value pairs in precedence order (tests build requests this way).</summary>
    public ApiRequest(IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (name, value) in values)
        {
            Add(name, value);
        }
    }

    /// <summary>Route values such as the label name of <c>/label/{name}/values</c>.</summary>
    public IReadOnlyDictionary<string, string> Route { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads the body form (if any) and the URL query of <paramref name="http"/>.</summary>
    public static async Task<ApiRequest> ReadAsync(HttpRequest http, CancellationToken cancel)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (http.HasFormContentType && http.Method is "POST" or "PUT" or "PATCH")
        {
            var form = await http.ReadFormAsync(cancel);
            pairs.AddRange(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))));
        }
        pairs.AddRange(http.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        var route = http.RouteValues.ToDictionary(r => r.Key, r => r.Value?.ToString() ?? "", StringComparer.Ordinal);
        return new ApiRequest(pairs) { Route = route };
    }

    /// <summary>The first value of <paramref name="name"/>, or "" (Go's <c>FormValue</c>).</summary>
    public string Value(string name) => _values.TryGetValue(name, out var v) ? v[0] : "";

    /// <summary>Every value of <paramref name="name"/>, body values first.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var v) ? v : [];

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            list = [];
            _values[name] = list;
        }
        list.Add(value);
    }
}
