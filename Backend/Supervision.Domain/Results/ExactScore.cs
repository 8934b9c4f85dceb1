using System.Numerics;

namespace Supervision.Domain.Results;

/// <summary>
/// An exact rational number for sums and means of scores. Means of thirds or sevenths have no exact decimal, and a sum
/// of decimal means rounded at 28 digits can land just below a midpoint (85.1249…) that the exact value sits on (85.125);
/// computing exactly and rounding once keeps "half away from zero" honest.
/// </summary>
internal readonly struct ExactScore : IComparable<ExactScore>, IEquatable<ExactScore>
{
    private readonly BigInteger numerator;
    private readonly BigInteger denominator;

    private ExactScore(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!divisor.IsZero && !divisor.IsOne)
        {
            numerator /= divisor;
            denominator /= divisor;
        }

        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static ExactScore Zero => new(BigInteger.Zero, BigInteger.One);

    public static ExactScore From(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        return new ExactScore(mantissa, BigInteger.Pow(10, scale));
    }

    // Arithmetic on a default(ExactScore) (denominator 0) is never done: every value starts from Zero or From.
    public static ExactScore operator +(ExactScore left, ExactScore right) =>
        new(left.numerator * right.denominator + right.numerator * left.denominator, left.denominator * right.denominator);

    public static ExactScore operator -(ExactScore left, ExactScore right) =>
        new(left.numerator * right.denominator - right.numerator * left.denominator, left.denominator * right.denominator);

    public static ExactScore operator *(ExactScore left, ExactScore right) =>
        new(left.numerator * right.numerator, left.denominator * right.denominator);

    public static ExactScore operator /(ExactScore left, ExactScore right) =>
        right.numerator.IsZero ? throw new DivideByZeroException() : new(left.numerator * right.denominator, left.denominator * right.numerator);

    public static ExactScore operator /(ExactScore left, int right) => left / new ExactScore(right, BigInteger.One);

    public static bool operator <(ExactScore left, ExactScore right) => left.CompareTo(right) < 0;

    public static bool operator >(ExactScore left, ExactScore right) => left.CompareTo(right) > 0;

    public static bool operator <=(ExactScore left, ExactScore right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ExactScore left, ExactScore right) => left.CompareTo(right) >= 0;

    public static bool operator ==(ExactScore left, ExactScore right) => left.Equals(right);

    public static bool operator !=(ExactScore left, ExactScore right) => !left.Equals(right);

    public ExactScore Abs() => numerator.Sign < 0 ? new ExactScore(-numerator, denominator) : this;

    public static ExactScore Sum(IEnumerable<ExactScore> values) => values.Aggregate(Zero, (sum, v) => sum + v);

    public static ExactScore Mean(IReadOnlyCollection<ExactScore> values) => Sum(values) / values.Count;

    /// <summary>Rounded once to 2 decimals, half away from zero, with exactly two decimal places (85 → 85.00).</summary>
    public decimal Report()
    {
        var hundredths = BigInteger.DivRem(BigInteger.Abs(numerator) * 100, denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            hundredths += 1;
        }

        var bytes = hundredths.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, 12);
        return new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8),
            numerator.Sign < 0 && !hundredths.IsZero, 2);
    }

    public int CompareTo(ExactScore other) => (numerator * other.denominator).CompareTo(other.numerator * denominator);

    public bool Equals(ExactScore other) => numerator == other.numerator && denominator == other.denominator;

    public override bool Equals(object? obj) => obj is ExactScore other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(numerator, denominator);

    public override string ToString() => $"{numerator}/{denominator}";
}
