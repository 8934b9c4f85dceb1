using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Supervision.Workbooks.Templates;

/// <summary>
/// ClosedXML 0.95.4 writes repeated rows as <c>'Sheet'!3:3</c>; LibreOffice ignores that relative form and prints the
/// heading row on the first page only. Excel itself writes <c>'Sheet'!$3:$3</c>, which every program reads.
/// </summary>
internal static partial class PrintTitles
{
    private const string DefinedName = "_xlnm.Print_Titles";

    public static void MakeAbsolute(Stream package)
    {
        using var document = SpreadsheetDocument.Open(package, true);
        var workbook = document.WorkbookPart?.Workbook;
        if (workbook?.DefinedNames is not { } names)
        {
            return;
        }

        foreach (var name in names.Elements<DefinedName>().Where(n => n.Name?.Value == DefinedName))
        {
            name.Text = RelativeRows().Replace(name.Text, "!$$${first}:$$${last}");
        }

        workbook.Save();
    }

    [GeneratedRegex(@"!\$?(?<first>\d+):\$?(?<last>\d+)")]
    private static partial Regex RelativeRows();
}
