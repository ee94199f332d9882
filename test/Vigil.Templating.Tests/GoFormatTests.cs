using Vigil.Templating.Formatting;

namespace Vigil.Templating.Tests;

public sealed class GoFormatTests
{
    public static TheoryData<string, object?[], string> Cases => new()
    {
        { "%d", [42L], "42" },
        { "%5d|", [42L], "   42|" },
        { "%-5d|", [42L], "42   |" },
        { "%05d", [-42L], "-0042" },
        { "%+d", [5L], "+5" },
        { "% d", [5L], " 5" },
        { "%.3d", [7L], "007" },
        { "%x %X %#x %o %#o %b", [255L, 255L, 255L, 8L, 8L, 5L], "ff FF 0xff 10 010 101" },
        { "%c %q %U %#U", [65L, 65L, 0x1F600L, 65L], "A 'A' U+1F600 U+0041 'A'" },
        { "%s|%10s|%-10s|%.2s", ["hi", "hi", "hi", "hello"], "hi|        hi|hi        |he" },
        { "%q", ["a\"b\n"], "\"a\\\"b\\n\"" },
        { "%x % x %X", ["hi", "hi", "hi"], "6869 68 69 6869" },
        { "%f %.2f %.0f %.0f %.1f", [3.14159, 3.14159, 2.5, 3.5, 0.25], "3.141590 3.14 2 4 0.2" },
        { "%e %E %.2e", [1234.5678, 1234.5678, 0.000123], "1.234568e+03 1.234568E+03 1.23e-04" },
        { "%g %g %g %.3g %.4g %.4g", [1234.5678, 1e21, 1e-7, 1234.5678, 100.0, 1.5], "1234.5678 1e+21 1e-07 1.23e+03 100 1.5" },
        { "%v %v %v %v %v", [1e6, 123456.0, 0.000012, 1.0, -0.5], "1e+06 123456 1.2e-05 1 -0.5" },
        { "%8.3f|%-8.2f|%08.3f|%+.1f", [3.14159, 1.5, -3.14159, 2.0], "   3.142|1.50    |-003.142|+2.0" },
        { "%v %v %v %f", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity], "NaN +Inf -Inf +Inf" },
        { "%t %v", [true, false], "true false" },
        { "%v %v", [new[] { "a", "b" }, new Dictionary<string, long> { ["b"] = 2, ["a"] = 1 }], "[a b] map[a:1 b:2]" },
        { "%q", [new[] { "a", "b" }], "[\"a\" \"b\"]" },
        { "%d", [new[] { 1L, 2L }], "[1 2]" },
        { "%v", [null], "<nil>" },
        { "%T %T %T %T", [1L, 1.5, "s", new[] { "x" }], "int float64 string []string" },
        { "%d", ["x"], "%!d(string=x)" },
        { "%s", [5L], "%!s(int=5)" },
        { "%t", [1.5], "%!t(float64=1.5)" },
        { "%s", [null], "%!s(<nil>)" },
        { "%s %s", ["a"], "a %!s(MISSING)" },
        { "%s", ["a", 1L, "b"], "a%!(EXTRA int=1, string=b)" },
        { "%", [], "%!(NOVERB)" },
        { "100%%", [], "100%" },
        { "%[2]s %[1]s", ["a", "b"], "b a" },
        { "%*d|%-*d|", [4L, 7L, 3L, 8L], "   7|8  |" },
        { "%.*f", [1L, 3.14159], "3.1" },
        { "%z", [1L], "%!z(int=1)" },
        { "%v", [TimeSpan.FromSeconds(90)], "1m30s" },
        { "%v %v %v", [TimeSpan.FromMilliseconds(1.5), TimeSpan.Zero, TimeSpan.FromHours(26)], "1.5ms 0s 26h0m0s" },
        { "%v", [new DateTimeOffset(2024, 5, 6, 7, 8, 9, 120, TimeSpan.FromHours(2))], "2024-05-06 07:08:09.12 +0200 +0200" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sprintf_Table_MatchesGo(string format, object?[] args, string expected)
    {
        Assert.Equal(expected, GoFormat.Sprintf(format, args));
    }

    [Theory]
    [InlineData(new object[] { "a", "b" }, "ab")]
    [InlineData(new object[] { 1L, 2L }, "1 2")]
    [InlineData(new object[] { "a", 1L, 2L, "b" }, "a1 2b")]
    public void Sprint_Operands_SpacesBetweenNonStrings(object[] args, string expected)
    {
        Assert.Equal(expected, GoFormat.Sprint(args));
    }

    [Fact]
    public void Sprintln_Operands_AlwaysSpacedWithNewline()
    {
        Assert.Equal("a b 1\n", GoFormat.Sprintln("a", "b", 1L));
    }
}
