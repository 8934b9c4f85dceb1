using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Supervision.Benchmarks;

/// <summary>
/// The floor: what reading a submission costs before any interpretation. Read the file, find the parts the fast reader
/// reads in the zip's central directory (comparing name bytes, no strings), inflate each with System.IO.Compression
/// and run an XmlReader over every node of it, reading no name or value. Nothing is checked or kept.
/// </summary>
internal static class TokenizingFloor
{
    /// <summary>
    /// Every part FastWorkbookReader opens in these files: package and workbook relationships, workbook.xml, the shared
    /// strings, the styles (for the number cells), the form sheet and the _supervision sheet.
    /// </summary>
    public static readonly byte[][] AllParts = Names(
        "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml",
        "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml");

    /// <summary>The parts the issue names for the floor: the sheets' XML and the shared strings.</summary>
    public static readonly byte[][] SheetsAndStrings = Names("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml");

    private static byte[][] Names(params string[] names) => names.Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
    };

    /// <summary>Tokenizes the parts of one file; returns the number of XML nodes (so that nothing is optimised away).</summary>
    public static long Read(string path) => Read(path, AllParts);

    public static long Read(string path, byte[][] parts)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = (int)file.Length;
        var zip = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            file.ReadExactly(zip, 0, length);
            return Tokenize(new ArraySegment<byte>(zip, 0, length), parts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(zip);
        }
    }

    private static long Tokenize(ArraySegment<byte> zip, byte[][] parts)
    {
        var span = zip.AsSpan();
        var end = span.Length - 22;
        while (end >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(span[end..]) != 0x06054b50)
        {
            end--;
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var position = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        long nodes = 0;
        for (var i = 0; i < count; i++)
        {
            var method = BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 10)..]);
            var compressed = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 20)..]);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 24)..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 28)..]);
            var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(position + 42)..]);
            var name = span.Slice(position + 46, nameLength);
            if (IsWanted(name, parts))
            {
                var data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(span[(local + 26)..]) + BinaryPrimitives.ReadUInt16LittleEndian(span[(local + 28)..]);
                nodes += TokenizePart(zip, data, compressed, size, method);
            }

            position += 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 30)..]) + BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 32)..]);
        }

        return nodes;
    }

    private static bool IsWanted(ReadOnlySpan<byte> name, byte[][] parts)
    {
        foreach (var wanted in parts)
        {
            if (name.SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }

    private static long TokenizePart(ArraySegment<byte> zip, int offset, int compressed, int size, int method)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var source = new MemoryStream(zip.Array!, zip.Offset + offset, compressed, writable: false);
            if (method == 8)
            {
                using var deflate = new DeflateStream(source, CompressionMode.Decompress);
                deflate.ReadExactly(buffer, 0, size);
            }
            else
            {
                source.ReadExactly(buffer, 0, size);
            }

            using var reader = XmlReader.Create(new MemoryStream(buffer, 0, size, writable: false), Settings);
            long nodes = 0;
            while (reader.Read())
            {
                nodes++;
            }

            return nodes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
