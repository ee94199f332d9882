namespace Vigil.Templating.Formatting;

/// <summary>The flags, width, precision and verb of one <c>%</c> directive.</summary>
internal struct GoFormatSpec
{
    public int Verb;
    public bool Plus;
    public bool Minus;
    public bool Sharp;
    public bool Space;
    public bool Zero;
    public bool PlusV;
    public bool SharpV;
    public bool WidthPresent;
    public bool PrecPresent;
    public int Width;
    public int Prec;

    public readonly char VerbChar => Verb < 0x10000 ? (char)Verb : '?';
}
