namespace Vigil.Templating.Tests;

public sealed class FunctionMapTests
{
    [Fact]
    public void Add_LambdaWithParams_IsVariadic()
    {
        var set = new TemplateSet(new FunctionMap().Add("cat", (params string[] parts) => string.Concat(parts)));
        Assert.Equal("abc|", set.ExecuteText("{{ cat \"a\" \"b\" \"c\" }}|{{ cat }}", null));
    }

    [Fact]
    public void Add_FixedAndVariadicParameters_PipelineFeedsLast()
    {
        var set = new TemplateSet(new FunctionMap().Add("wrap", (string left, params string[] rest) => left + string.Join("+", rest)));
        Assert.Equal("<x+y", set.ExecuteText("{{ \"y\" | wrap \"<\" \"x\" }}", null));
    }

    [Fact]
    public void Add_VoidDelegate_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FunctionMap().Add("v", () => { }));
    }

    [Fact]
    public void Add_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FunctionMap().Add("a-b", () => 1));
    }

    [Fact]
    public void Execute_IntegerConstant_ConvertsToIntParameter()
    {
        var set = new TemplateSet(new FunctionMap().Add("twice", (int n) => n * 2).Add("half", (double d) => d / 2));
        Assert.Equal("8 1.5 1", set.ExecuteText("{{ twice 4 }} {{ half 3 }} {{ twice 1 | half }}", null));
    }

    [Fact]
    public void Execute_UserFunction_OverridesBuiltin()
    {
        var set = new TemplateSet(new FunctionMap().Add("len", (object? _) => "custom"));
        Assert.Equal("custom", set.ExecuteText("{{ len \"abc\" }}", null));
    }

    [Fact]
    public void Execute_FunctionAddedAfterConstruction_IsNotSeen()
    {
        var functions = new FunctionMap();
        var set = new TemplateSet(functions);
        functions.Add("late", () => "x");
        Assert.Throws<TemplateParseException>(() => set.ExecuteText("{{ late }}", null));
    }
}

public sealed class GoStyleErrorTests
{
    [Fact]
    public void Execute_FunctionReturningValueAndError_UsesValueOrFails()
    {
        var functions = new FunctionMap().Add("parse", (string s) => int.TryParse(s, out var n) ? (n, (Exception?)null) : (0, new FormatException("bad number " + s)));
        var set = new TemplateSet(functions);
        Assert.Equal("42", set.ExecuteText("{{ parse \"42\" }}", null));
        var e = Assert.Throws<TemplateExecutionException>(() => set.ExecuteText("{{ parse \"x\" }}", null));
        Assert.EndsWith("error calling parse: bad number x", e.Message);
    }
}
