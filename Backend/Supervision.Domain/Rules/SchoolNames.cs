using System.Globalization;
using System.Text;

namespace Supervision.Domain.Rules;

/// <summary>
/// Name matching for schools and headings: spaces and full-width characters are normalised, nothing else.
/// 红岩小学校 and 红岩幼儿园, 大坪小学 and 大坪中学, 人民小学 and 人民路小学 stay different schools.
/// </summary>
public static class SchoolNames
{
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        // Most names are printable ASCII and CJK unified ideographs, which NFKC leaves as they are: skip ICU for them.
        if (IsPlain(name))
        {
            return name.Contains(' ', StringComparison.Ordinal) ? name.Replace(" ", "", StringComparison.Ordinal) : name;
        }

        // NFKC folds full-width letters, digits and punctuation (ＡＢ１２（）) to their ASCII forms and U+3000 to a space.
        var folded = name.Normalize(NormalizationForm.FormKC);
        var result = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool IsPlain(string name)
    {
        foreach (var c in name)
        {
            if (!(c is >= '\u0020' and <= '\u007E' or >= '\u4E00' and <= '\u9FFF'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Same(string? a, string? b) => Normalize(a) == Normalize(b) && Normalize(a).Length > 0;
}
