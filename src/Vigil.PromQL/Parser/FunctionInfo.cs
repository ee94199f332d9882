namespace Vigil.PromQL.Parser;

/// <summary>
/// A PromQL function's signature. <see cref="Variadic"/> follows upstream: 0 means exactly the listed
/// arguments; n &gt; 0 means the last argument may be omitted and up to n extra may follow; -1 means
/// unbounded (extra arguments take the last listed type).
/// </summary>
public sealed record FunctionInfo(string Name, ValueType[] ArgTypes, int Variadic, ValueType ReturnType)
{
    // Upstream marks these experimental: they parse only with promql-experimental-functions.
    private static readonly HashSet<string> ExperimentalNames = new(StringComparer.Ordinal)
    {
        "double_exponential_smoothing", "end", "histogram_quantiles", "info", "mad_over_time", "max_of", "min_of",
        "range", "sort_by_label", "sort_by_label_desc", "start", "start_timestamp", "step", "ts_of_first_over_time",
        "ts_of_last_over_time", "ts_of_max_over_time", "ts_of_min_over_time",
    };

    // Declared after ExperimentalNames: static fields initialise in order, and Build reads that set.
    private static readonly Dictionary<string, FunctionInfo> All = Build();

    /// <summary>Whether the function is experimental upstream and needs <c>--enable-feature=promql-experimental-functions</c>.</summary>
    public bool Experimental { get; init; }

    /// <summary>Looks a function up by its exact (case-sensitive) name.</summary>
    public static bool TryGet(string name, out FunctionInfo info) => All.TryGetValue(name, out info!);

    /// <summary>Every known function name.</summary>
    public static IEnumerable<string> Names => All.Keys;

    // Signatures as compact strings: v = instant vector, m = range vector, s = scalar, t = string;
    // the return type is "v" unless a function appears in the scalar list.
    private static Dictionary<string, FunctionInfo> Build()
    {
        var table = new Dictionary<string, FunctionInfo>(StringComparer.Ordinal);
        void Add(string names, string args, int variadic = 0, ValueType ret = ValueType.Vector)
        {
            foreach (var name in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table[name] = new FunctionInfo(name, args.Select(Decode).ToArray(), variadic, ret) { Experimental = ExperimentalNames.Contains(name) };
            }
        }
        Add("abs absent acos acosh asin asinh atan atanh ceil cos cosh deg exp floor ln log10 log2 rad sgn sin sinh " +
            "sort sort_desc sqrt tan tanh timestamp histogram_avg histogram_count histogram_sum histogram_stddev " +
            "histogram_stdvar start_timestamp", "v");
        Add("absent_over_time avg_over_time changes count_over_time delta deriv first_over_time idelta increase irate " +
            "last_over_time mad_over_time max_over_time min_over_time present_over_time rate resets stddev_over_time " +
            "stdvar_over_time sum_over_time ts_of_first_over_time ts_of_max_over_time ts_of_min_over_time " +
            "ts_of_last_over_time", "m");
        Add("days_in_month day_of_month day_of_week day_of_year hour minute month year", "v", 1);
        Add("clamp", "vss");
        Add("clamp_max clamp_min", "vs");
        Add("histogram_fraction", "ssv");
        Add("histogram_quantile", "sv");
        Add("histogram_quantiles", "vtss", 9);
        Add("double_exponential_smoothing holt_winters", "mss");
        Add("info", "vv", 1);
        Add("label_replace", "vtttt");
        Add("label_join", "vttt", -1);
        Add("sort_by_label sort_by_label_desc", "vt", -1);
        Add("predict_linear", "ms");
        Add("quantile_over_time", "sm");
        Add("round", "vs", 1);
        Add("vector", "s");
        Add("scalar", "v", 0, ValueType.Scalar);
        Add("pi time start end range step", "", 0, ValueType.Scalar);
        Add("max_of min_of", "ss", 0, ValueType.Scalar);
        return table;
    }

    private static ValueType Decode(char c) => c switch
    {
        'v' => ValueType.Vector,
        'm' => ValueType.Matrix,
        's' => ValueType.Scalar,
        _ => ValueType.String,
    };
}
