namespace Vigil.Templating.Execution;

/// <summary>What a missing map key yields (Go's <c>missingkey</c> option).</summary>
internal enum MissingKey
{
    /// <summary>"no value": prints <c>&lt;no value&gt;</c>.</summary>
    Default,

    /// <summary>The zero value of the map's element type (<c>""</c> for string maps).</summary>
    Zero,

    /// <summary>Execution stops with an error.</summary>
    Error,
}
