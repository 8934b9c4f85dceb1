using System.Globalization;
using System.Xml;

namespace Supervision.Workbooks.Reading;

/// <summary>One worksheet as workbook.xml lists it: its name, whether Excel shows it, and its part.</summary>
internal sealed record FastSheetEntry(string Name, bool Visible, string Part);

/// <summary>
/// The workbook-level parts of one stored file: workbook.xml and its relationships (read at once), the shared strings
/// and the styles' number formats (read the first time a cell needs them).
/// </summary>
internal sealed class FastWorkbookParts
{
    // Styles parsed once per distinct styles part: the files of one campaign come from a few templates, and the styles
    // part (fonts, fills, borders before the number formats) costs a fifth of reading a small form.
    private static readonly FastPartCache<FastPartKey, FastStyles> StylesByContent = new();

    private readonly FastPackage package;
    private readonly string? sharedStringsPart;
    private readonly string? stylesPart;
    private IReadOnlyList<string?>? sharedStrings;
    private FastStyles? styles;

    private FastWorkbookParts(FastPackage package, IReadOnlyList<FastSheetEntry> sheets, bool date1904, string? sharedStringsPart, string? stylesPart)
    {
        this.package = package;
        Sheets = sheets;
        Date1904 = date1904;
        this.sharedStringsPart = sharedStringsPart;
        this.stylesPart = stylesPart;
    }

    /// <summary>The worksheets in workbook order (chart sheets and other kinds left out, as ClosedXML leaves them out).</summary>
    public IReadOnlyList<FastSheetEntry> Sheets { get; }

    public bool Date1904 { get; }

    /// <summary>Every shared string as ClosedXML loads it; null where the fast reader must not guess.</summary>
    public IReadOnlyList<string?> SharedStrings => sharedStrings ??= ReadSharedStrings();

    public FastStyles Styles => styles ??= ReadStyles();

    public static FastWorkbookParts Read(FastPackage package)
    {
        var documents = package.Relationships("");
        var main = documents.Values.FirstOrDefault(r => r.Type == "officeDocument").Target
            ?? throw new FastReadFallbackException("the package names no transitional workbook part");
        var relationships = package.Relationships(main);
        using var part = package.OpenXml(main) ?? throw new FastReadFallbackException($"workbook part {main} is missing");
        var reader = part.Reader;
        var date1904 = false;
        var sheets = new List<FastSheetEntry>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1 && reader.LocalName == "sheets")
            {
                break;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth == 0 && (reader.LocalName != "workbook" || reader.NamespaceURI != FastPackage.MainNamespace))
            {
                throw new FastReadFallbackException($"the workbook part's root is {{{reader.NamespaceURI}}}{reader.LocalName}");
            }

            if (reader.NamespaceURI != FastPackage.MainNamespace)
            {
                continue;
            }

            if (reader.Depth == 1 && reader.LocalName == "workbookPr")
            {
                date1904 = reader.GetAttribute("date1904") is "1" or "true";
            }
            else if (reader.Depth == 2 && reader.LocalName == "sheet")
            {
                var name = reader.GetAttribute("name") ?? throw new FastReadFallbackException("a sheet without a name");
                var id = reader.GetAttribute("id", FastPackage.DocumentRelationshipsNamespace);
                if (id is null || !relationships.TryGetValue(id, out var relationship))
                {
                    throw new FastReadFallbackException($"sheet {name} has no part");
                }

                if (relationship.Type != "worksheet")
                {
                    continue;
                }

                if (!names.Add(name))
                {
                    throw new FastReadFallbackException($"two sheets are named {name}");
                }

                var visible = reader.GetAttribute("state") switch
                {
                    null or "visible" => true,
                    "hidden" or "veryHidden" => false,
                    var state => throw new FastReadFallbackException($"sheet state '{state}'"),
                };
                sheets.Add(new FastSheetEntry(name, visible, relationship.Target));
            }
        }

        string? PartOf(string type) => relationships.Values.FirstOrDefault(r => r.Type == type).Target;
        return new FastWorkbookParts(package, sheets, date1904, PartOf("sharedStrings"), PartOf("styles"));
    }

    /// <summary>
    /// Whether a sheet has parts that add used cells or values in ClosedXML beyond its sheetData: comments (an empty
    /// commented cell counts as used) and tables (ClosedXML writes missing header names into the cells).
    /// </summary>
    public bool HasCellsOutsideSheetData(FastSheetEntry sheet) =>
        package.Relationships(sheet.Part).Values.Any(r => r.Type is "comments" or "table");

    private List<string?> ReadSharedStrings()
    {
        var strings = new List<string?>();
        if (sharedStringsPart is null)
        {
            return strings;
        }

        using var part = package.OpenXml(sharedStringsPart);
        if (part is null)
        {
            return strings;
        }

        var reader = part.Reader;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != FastPackage.MainNamespace)
            {
                continue;
            }

            if (reader.Depth == 0 && reader.LocalName == "sst"
                && int.TryParse(reader.GetAttribute("uniqueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                strings.Capacity = Math.Clamp(count, 0, 100_000);
            }
            else if (reader.Depth == 1 && reader.LocalName == "si")
            {
                strings.Add(FastStrings.SharedString(FastStrings.Read(reader)));
            }
        }

        return strings;
    }

    private FastStyles ReadStyles()
    {
        var entry = stylesPart is null ? null : package.Find(stylesPart);
        if (entry is null)
        {
            return FastStyles.None;
        }

        return StylesByContent.GetOrAdd(package.ContentKey(entry), () =>
        {
            using var part = package.OpenXml(entry.Name)!;
            return FastStyles.Read(part.Reader);
        });
    }
}
