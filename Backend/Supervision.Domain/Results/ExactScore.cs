namespace Supervision.Domain.Results;

/// <summary>
/// An exact score: a decimal numerator over a whole-number denominator. Means of thirds or sevenths have no exact
/// decimal, and a sum of decimal means rounded at 28 digits can land just below a midpoint (85.1249…) that the exact
/// value sits on (85.125). Scores are exact decimals and denominators are counts of sources, so sums and means stay
/// exact here and are divided out once, in <see cref="Report"/>: a quotient that is a midpoint is then exactly
/// representable, and one that is not lies at least 1/(1000·denominator·10^scale) from it, far beyond decimal's error.
/// </summary>
internal readonly struct ExactScore : IComparable<ExactScore>, IEquatable<ExactScore>
{
    private readonly decimal numerator;
    private readonly long denominator;

    private ExactScore(decimal numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "The denominator is a positive count.");
        }

        this.numerator = numerator;
        this.denominator = denominator;
    }

    public static ExactScore Zero => new(0m, 1);

    public static ExactScore From(decimal value) => new(value, 1);

    // Arithmetic on a default(ExactScore) (denominator 0) is never done: every value starts from Zero or From.
    public static ExactScore operator +(ExactScore left, ExactScore right)
    {
        if (left.denominator == right.denominator)
        {
            return new ExactScore(left.numerator + right.numerator, left.denominator);
        }

        var divisor = Gcd(left.denominator, right.denominator);
        return new ExactScore(left.numerator * (right.denominator / divisor) + right.numerator * (left.denominator / divisor),
            left.denominator / divisor * right.denominator);
    }

    public static ExactScore operator -(ExactScore left, ExactScore right) => left + new ExactScore(-right.numerator, right.denominator);

    public static ExactScore operator *(ExactScore left, ExactScore right) =>
        Reduced(left.numerator * right.numerator, left.denominator * right.denominator);

    public static ExactScore operator /(ExactScore left, int right) =>
        right > 0 ? Reduced(left.numerator, left.denominator * right) : throw new ArgumentOutOfRangeException(nameof(right), right, "Divide by a positive count.");

    /// <summary>Division by a positive exact value (a sum of weights): its decimal numerator is scaled to a whole number first.</summary>
    public static ExactScore operator /(ExactScore left, ExactScore right)
    {
        if (right.numerator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(right), right, "Divide by a positive value.");
        }

        var scale = right.numerator.Scale;
        var power = Pow10(scale);
        var whole = decimal.ToInt64(right.numerator * power);
        return Reduced(left.numerator * right.denominator * power, left.denominator * whole);
    }

    public static bool operator <(ExactScore left, ExactScore right) => left.CompareTo(right) < 0;

    public static bool operator >(ExactScore left, ExactScore right) => left.CompareTo(right) > 0;

    public static bool operator <=(ExactScore left, ExactScore right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ExactScore left, ExactScore right) => left.CompareTo(right) >= 0;

    public static bool operator ==(ExactScore left, ExactScore right) => left.Equals(right);

    public static bool operator !=(ExactScore left, ExactScore right) => !left.Equals(right);

    public ExactScore Abs() => numerator < 0 ? new ExactScore(-numerator, denominator) : this;

    public static ExactScore Sum(IEnumerable<ExactScore> values) => values.Aggregate(Zero, (sum, v) => sum + v);

    public static ExactScore Mean(IReadOnlyCollection<ExactScore> values) => Sum(values) / values.Count;

    /// <summary>Rounded once to 2 decimals, half away from zero, with exactly two decimal places (85 → 85.00).</summary>
    public decimal Report() => decimal.Round(numerator / denominator, 2, MidpointRounding.AwayFromZero) + 0.00m;

    public int CompareTo(ExactScore other) => (numerator * other.denominator).CompareTo(other.numerator * denominator);

    public bool Equals(ExactScore other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ExactScore other && Equals(other);

    // Equal values may be written with different denominators: hash the value, which is exact enough to agree for equal ones.
    public override int GetHashCode() => (numerator / denominator).GetHashCode();

    public override string ToString() => $"{numerator}/{denominator}";

    // A whole-number numerator shares its factors with the denominator; keeping denominators small keeps products exact.
    private static ExactScore Reduced(decimal numerator, long denominator)
    {
        if (numerator == decimal.Truncate(numerator) && Math.Abs(numerator) <= long.MaxValue)
        {
            var divisor = Gcd(Math.Abs(decimal.ToInt64(numerator)), denominator);
            if (divisor > 1)
            {
                return new ExactScore(numerator / divisor, denominator / divisor);
            }
        }

        return new ExactScore(numerator, denominator);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }

    private static decimal Pow10(int scale)
    {
        var power = 1m;
        for (var i = 0; i < scale; i++)
        {
            power *= 10;
        }

        return power;
    }
}
