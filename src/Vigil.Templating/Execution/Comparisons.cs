namespace Vigil.Templating.Execution;

/// <summary>Go's template comparisons: basic kinds compare by value; ints and floats never mix.</summary>
internal static class Comparisons
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Uint,
        Float,
        String,
        Other,
    }

    public static bool Eq(object? a, object?[] rest)
    {
        if (rest.Length == 0)
        {
            throw new InvalidOperationException("missing argument for comparison");
        }
        var k1 = KindOf(a);
        foreach (var b in rest)
        {
            if (EqualOne(a, k1, b))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EqualOne(object? a, Kind k1, object? b)
    {
        var k2 = KindOf(b);
        if (k1 != k2)
        {
            if (IsMixedSign(k1, k2))
            {
                return MixedSignCompare(a!, b!) == 0;
            }
            if (a is not null && b is not null)
            {
                throw new InvalidOperationException("incompatible types for comparison");
            }
            return false;
        }
        return k1 switch
        {
            Kind.Bool => (bool)a! == (bool)b!,
            Kind.Int => Int(a) == Int(b),
            Kind.Uint => Convert.ToUInt64(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToUInt64(b, System.Globalization.CultureInfo.InvariantCulture),
            Kind.Float => GoValues.ToDouble(a!) == GoValues.ToDouble(b!),
            Kind.String => string.Equals((string)a!, (string)b!, StringComparison.Ordinal),
            Kind.Invalid => true,
            _ => Equals(a, b),
        };
    }

    public static bool Lt(object? a, object? b)
    {
        var k1 = KindOf(a);
        var k2 = KindOf(b);
        if (k1 is Kind.Invalid or Kind.Other || k2 is Kind.Invalid or Kind.Other)
        {
            throw new InvalidOperationException("invalid type for comparison");
        }
        if (k1 != k2)
        {
            if (IsMixedSign(k1, k2))
            {
                return MixedSignCompare(a!, b!) < 0;
            }
            throw new InvalidOperationException("incompatible types for comparison");
        }
        return k1 switch
        {
            Kind.Bool => throw new InvalidOperationException("invalid type for comparison"),
            Kind.Float => GoValues.ToDouble(a!) < GoValues.ToDouble(b!),
            Kind.Int => Int(a) < Int(b),
            Kind.Uint => Convert.ToUInt64(a, System.Globalization.CultureInfo.InvariantCulture) < Convert.ToUInt64(b, System.Globalization.CultureInfo.InvariantCulture),
            _ => string.CompareOrdinal((string)a!, (string)b!) < 0,
        };
    }

    private static bool IsMixedSign(Kind k1, Kind k2) => (k1 == Kind.Int && k2 == Kind.Uint) || (k1 == Kind.Uint && k2 == Kind.Int);

    private static int MixedSignCompare(object a, object b)
    {
        var x = new System.Numerics.BigInteger(Convert.ToDecimal(a, System.Globalization.CultureInfo.InvariantCulture));
        var y = new System.Numerics.BigInteger(Convert.ToDecimal(b, System.Globalization.CultureInfo.InvariantCulture));
        return x.CompareTo(y);
    }

    private static long Int(object? v)
    {
        GoValues.TryGetInteger(v, out var n);
        return n;
    }

    private static Kind KindOf(object? v) => v switch
    {
        null => Kind.Invalid,
        bool => Kind.Bool,
        long or int or short or sbyte or char => Kind.Int,
        ulong or uint or ushort or byte => Kind.Uint,
        double or float or decimal => Kind.Float,
        string => Kind.String,
        _ => Kind.Other,
    };
}
