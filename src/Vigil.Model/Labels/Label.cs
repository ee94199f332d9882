namespace Vigil.Model.Labels;

/// <summary>One label: a name and its value.</summary>
public readonly record struct Label(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => Name + "=" + GoString.Quote(Value);
}
