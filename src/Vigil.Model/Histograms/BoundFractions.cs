using System.Numerics;

namespace Vigil.Model.Histograms;

/// <summary>
/// The fractions <c>2^(k/256 - 1)</c>, k in [0, 256), of the finest exponential schema (8), each rounded to the
/// nearest double; a coarser schema s uses every 2^(8-s)-th of them, as upstream's tables do. They are computed once
/// in fixed point from integer square roots and products only, so no platform's <c>pow</c> or <c>exp</c> decides a
/// bucket bound.
/// </summary>
internal static class BoundFractions
{
    private const int FinestSchema = 8;
    private const int FractionBits = 128;

    // Every step rounds down by under a unit of 2^-128 (relative errors add across the eight products), so the
    // fixed-point value is at most a few dozen units below the true one. Rounding to 53 bits can only go wrong when
    // the 76 dropped bits are that close to one half; Round refuses such a case instead of guessing.
    private const int ErrorUnits = 64;

    private static readonly double[] Fractions = Compute();

    /// <summary>The fraction in [0.5, 1) of the bound at <paramref name="fractionIndex"/> in <paramref name="schema"/> (0 to 8).</summary>
    public static double Get(int fractionIndex, int schema) => schema <= FinestSchema
        ? Fractions[fractionIndex << (FinestSchema - schema)]
        // Finer than any schema upstream accepts (it stops at 8); kept working rather than failing a query.
        : Math.Pow(2, (double)fractionIndex / (1 << schema)) / 2;

    private static double[] Compute()
    {
        var one = BigInteger.One << FractionBits;
        // roots[j] is 2^(2^j / 256) in fixed point: roots[8] is exactly 2, each one below the square root of the next.
        var roots = new BigInteger[FinestSchema + 1];
        roots[FinestSchema] = one * 2;
        for (var j = FinestSchema - 1; j >= 0; j--)
        {
            roots[j] = IntegerSqrt(roots[j + 1] << FractionBits);
        }
        var fractions = new double[1 << FinestSchema];
        for (var k = 0; k < fractions.Length; k++)
        {
            // 2^(k/256) is the product of the roots of k's set bits.
            var value = one;
            for (var j = 0; j < FinestSchema; j++)
            {
                if (((k >> j) & 1) == 1)
                {
                    value = (value * roots[j]) >> FractionBits;
                }
            }
            fractions[k] = Round(value, k);
        }
        return fractions;
    }

    /// <summary>A fixed-point value in [1, 2) rounded to the nearest double, halved into [0.5, 1).</summary>
    private static double Round(BigInteger value, int k)
    {
        const int dropped = FractionBits + 1 - 53;
        var kept = value >> dropped;
        var rest = value - (kept << dropped);
        var half = BigInteger.One << (dropped - 1);
        if (BigInteger.Abs(rest - half) <= ErrorUnits)
        {
            throw new InvalidOperationException($"2^({k}/256) lies too close to a rounding midpoint for {FractionBits} fraction bits");
        }
        if (rest > half)
        {
            kept++;
        }
        return Math.ScaleB((double)kept, -53);
    }

    /// <summary>The largest integer whose square is at most <paramref name="n"/> (Newton's method from above).</summary>
    private static BigInteger IntegerSqrt(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + (n / x)) >> 1;
            if (next >= x)
            {
                return x;
            }
            x = next;
        }
    }
}
