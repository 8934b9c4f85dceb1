using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Supervision.Domain.Forms;

namespace Supervision.Domain.Results;

/// <summary>
/// The record books (研训记录册) drawn for checking at one school: how many the notice asks for, which teachers' books
/// (numbers 1..<see cref="Teachers"/>, ascending) and the seed text they were drawn from, so the office can show the draw.
/// </summary>
/// <param name="Books">How many books the notice asks for (over 200 teachers 40, 100 to 200 30, under 100 20).</param>
/// <param name="TeacherNumbers">The drawn teachers, ascending; every teacher when there are fewer teachers than books.</param>
/// <param name="Seed">The exact text the draw was seeded from (see <see cref="RecordBookSampling.SeedText"/>).</param>
public sealed record RecordBookSample(string SchoolId, int Teachers, int Books, IReadOnlyList<int> TeacherNumbers, string Seed);

/// <summary>
/// Record-book sampling (记录册抽查): a reproducible random choice of teacher numbers. The seed text is
/// "{campaign}|{school}" or "{campaign}|{school}|{office seed}"; its SHA-256 seeds a SplitMix64 generator (our own, so the
/// sequence never changes with the runtime, unlike <see cref="Random"/>), which drives a partial Fisher–Yates shuffle
/// of 1..N with unbiased bounded draws. Anyone holding the seed text and this algorithm gets the same teachers.
/// </summary>
public static class RecordBookSampling
{
    /// <summary>The draw for a school from its 附件3 (teacher count and the notice's number of books); null without a teacher count.</summary>
    public static RecordBookSample? Draw(string campaignId, string schoolId, SelfCheckSheet? selfCheck, string? officeSeed = null) =>
        selfCheck is { TeacherCount: { } teachers, RecordBooksToCheck: { } books } && teachers > 0
            ? Draw(campaignId, schoolId, teachers, books, officeSeed)
            : null;

    /// <summary>Draws <paramref name="books"/> of <paramref name="teachers"/> teacher numbers (all of them when fewer).</summary>
    public static RecordBookSample Draw(string campaignId, string schoolId, int teachers, int books, string? officeSeed = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(schoolId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(teachers);
        ArgumentOutOfRangeException.ThrowIfNegative(books);

        var seed = SeedText(campaignId, schoolId, officeSeed);
        var take = Math.Min(teachers, books);
        var numbers = Enumerable.Range(1, teachers).ToArray();
        var generator = new SplitMix64(SeedValue(seed));
        for (var i = 0; i < take; i++)
        {
            var j = i + (int)generator.Below((ulong)(teachers - i));
            (numbers[i], numbers[j]) = (numbers[j], numbers[i]);
        }

        var chosen = numbers.Take(take).Order().ToList();
        return new RecordBookSample(schoolId, teachers, books, chosen, seed);
    }

    /// <summary>The text a draw is seeded from: campaign id, school id and the office's seed (when given), joined by "|".</summary>
    public static string SeedText(string campaignId, string schoolId, string? officeSeed) =>
        string.IsNullOrWhiteSpace(officeSeed)
            ? string.Create(CultureInfo.InvariantCulture, $"{campaignId}|{schoolId}")
            : string.Create(CultureInfo.InvariantCulture, $"{campaignId}|{schoolId}|{officeSeed.Trim()}");

    // The first 8 bytes of SHA-256(UTF-8 seed text), little-endian.
    private static ulong SeedValue(string seed) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014), the reference constants.</summary>
    private sealed class SplitMix64(ulong state)
    {
        public ulong Next()
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A uniform number in [0, bound): draws in the biased top remainder of the range are rejected.</summary>
        public ulong Below(ulong bound)
        {
            var limit = ulong.MaxValue - (ulong.MaxValue % bound);
            ulong value;
            do
            {
                value = Next();
            }
            while (value >= limit);

            return value % bound;
        }
    }
}
