using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;

namespace Supervision.Workbooks.Reports;

/// <summary>
/// ClosedXML 0.95.4 links a data bar's x14 extension to its rule with a lower-case GUID; the schema (and Excel's
/// validation) wants upper case, so OpenXmlValidator reports two errors per data bar. The ids are upper-cased in place.
/// </summary>
internal static partial class ConditionalFormatIds
{
    public static void UpperCase(Stream package)
    {
        using var document = SpreadsheetDocument.Open(package, true);
        foreach (var part in document.WorkbookPart?.WorksheetParts ?? [])
        {
            string xml;
            using (var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read), Encoding.UTF8))
            {
                xml = reader.ReadToEnd();
            }

            var fixedXml = Guid().Replace(xml, m => m.Value.ToUpperInvariant());
            if (!ReferenceEquals(fixedXml, xml) && fixedXml != xml)
            {
                using var writer = new StreamWriter(part.GetStream(FileMode.Create, FileAccess.Write), new UTF8Encoding(false));
                writer.Write(fixedXml);
            }
        }
    }

    [GeneratedRegex(@"\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}")]
    private static partial Regex Guid();
}
