using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Supervision.Domain.Campaigns;
using Supervision.Domain.Forms;

namespace Supervision.Workbooks.Tests.Reading;

/// <summary>Uploads built in the test: filled forms written with ClosedXML, and zip surgery for the hostile ones.</summary>
internal static class TestUploads
{
    public static readonly Campaign Seed = YuzhongCampaign.Create();

    public const string MainContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    /// <summary>
    /// A 附件4 as a school fills it, laid out as the template lays it out: every school of the area scored one below the
    /// category's maximum unless told otherwise, 总评分 as a SUM formula.
    /// </summary>
    public static IXLWorksheet AddPeerSheet(XLWorkbook workbook, string name, string areaId, string fillerId, Func<School, RubricCategory, double>? score = null)
    {
        var area = Seed.FindArea(areaId)!;
        var layout = FormLayouts.PeerScores(Seed, area, Seed.FindSchool(fillerId)!);
        var sheet = workbook.AddWorksheet(name);
        sheet.Cell(1, 1).SetValue(layout.Title);
        foreach (var field in layout.Fields)
        {
            sheet.Cell(field.LabelCell.Row, field.LabelCell.Column).SetValue(field.Label + "：");
            if (field.Value is not null)
            {
                sheet.Cell(field.ValueCell.Row, field.ValueCell.Column).SetValue(field.Value);
            }
        }

        foreach (var column in layout.Columns)
        {
            sheet.Cell(layout.HeaderRow, column.Column).SetValue(column.Heading);
        }

        var categories = Seed.Rubric.Categories;
        foreach (var row in layout.Rows)
        {
            var school = area.Schools.Single(s => s.Id == row.Key);
            sheet.Cell(row.Row, 1).SetValue(row.Label);
            for (var i = 0; i < categories.Count; i++)
            {
                sheet.Cell(row.Row, layout.Column(categories[i].Id).Column).Value = score?.Invoke(school, categories[i]) ?? (double)(categories[i].Max - 1);
            }

            var first = CellName(row.Row, layout.Column(categories[0].Id).Column);
            var last = CellName(row.Row, layout.Column(categories[^1].Id).Column);
            sheet.Cell(row.Row, layout.Column(FormHeadings.TotalKey).Column).FormulaA1 = $"SUM({first}:{last})";
        }

        sheet.Cell(layout.LastDataRow + 1, 1).SetValue(layout.Footnote);
        return sheet;
    }

    public static FormMetadata PeerMetadata(string areaId, string fillerId, string campaign = YuzhongCampaign.Id) =>
        new(campaign, "peer-scores", areaId, fillerId, "1");

    public static byte[] Save(XLWorkbook workbook, bool evaluateFormulas = true)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream, new SaveOptions { EvaluateFormulasBeforeSaving = evaluateFormulas });
        return stream.ToArray();
    }

    /// <summary>A valid upload: one 附件4 for area g1-2 filled by 鹅岭小学 (s07), with its metadata.</summary>
    public static byte[] ValidPeerWorkbook()
    {
        using var workbook = new XLWorkbook();
        AddPeerSheet(workbook, "评分表", "g1-2", "s07");
        MetadataSheet.Write(workbook, [("评分表", PeerMetadata("g1-2", "s07"))]);
        return Save(workbook);
    }

    private static string CellName(int row, int column) => $"{Domain.Grids.CellAddress.ColumnName(column)}{row}";

    // ---------- zip surgery ----------

    /// <summary>
    /// Rewrites a package: every entry's bytes go through <paramref name="edit"/> (change, add, remove by name), then
    /// <paramref name="stream"/> may add entries written piece by piece, so a 200 MB entry never sits in memory.
    /// </summary>
    public static byte[] Rebuild(byte[] package, Action<Dictionary<string, byte[]>>? edit = null, Action<ZipArchive>? stream = null,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in source.Entries)
            {
                using var data = entry.Open();
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        edit?.Invoke(entries);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var write = target.CreateEntry(name, level).Open();
                write.Write(data);
            }

            stream?.Invoke(target);
        }

        return output.ToArray();
    }

    public static string Text(this Dictionary<string, byte[]> entries, string name) => Encoding.UTF8.GetString(entries[name]).TrimStart('\uFEFF');

    public static void SetText(this Dictionary<string, byte[]> entries, string name, string text) => entries[name] = Encoding.UTF8.GetBytes(text);

    /// <summary>Writes <paramref name="megabytes"/> MB of one byte value into a new entry, 1 MB at a time.</summary>
    public static void AddRepeated(ZipArchive zip, string name, int megabytes, byte value = 0, ReadOnlySpan<byte> prefix = default)
    {
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, value);
        using var write = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        write.Write(prefix);
        for (var i = 0; i < megabytes; i++)
        {
            write.Write(chunk);
        }
    }

    /// <summary>Overwrites an entry's uncompressed size in its central and local headers, as a lying zip would.</summary>
    public static void PatchDeclaredSize(byte[] zip, string name, uint size)
    {
        var end = zip.Length - 22;
        Assert.Equal(0x06054b50u, BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        var position = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        for (var i = 0; i < count; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(position + 28));
            var entryName = Encoding.UTF8.GetString(zip, position + 46, nameLength);
            if (entryName == name)
            {
                // Bit 3 would put the sizes in a data descriptor after the data too; System.IO.Compression writes none.
                Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(position + 8)) & 8);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(position + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(position + 24), size);
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(local + 22), size);
                return;
            }

            position += 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(position + 30))
                + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(position + 32));
        }

        Assert.Fail($"no entry {name}");
    }

    public static long DeclaredSize(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.GetEntry(name)!.Length;
    }

    // ---------- hostile content ----------

    public const string SpreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The classic billion laughs: ten entities, each ten of the previous one, 10⁹ "lol"s once expanded.</summary>
    public static string BillionLaughs(string root, string body)
    {
        var dtd = new StringBuilder("<!DOCTYPE " + root + " [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        return $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{dtd}]>{body.Replace("@", "&lol9;", StringComparison.Ordinal)}";
    }

    public static string ExternalEntity(string root, string body) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE {root} [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{body.Replace("@", "&xxe;", StringComparison.Ordinal)}";

    public static string SharedStringsWith(string text) => $"<sst xmlns=\"{SpreadsheetNamespace}\" count=\"1\" uniqueCount=\"1\"><si><t>{text}</t></si></sst>";

    /// <summary>An OLE compound file header as Excel writes for a password-protected .xlsx (or, without the stream name, an .xls).</summary>
    public static byte[] OleFile(bool encryptedPackage)
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        if (encryptedPackage)
        {
            Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
            Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        }

        return bytes;
    }
}
