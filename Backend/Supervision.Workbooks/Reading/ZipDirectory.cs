using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Supervision.Workbooks.Reading;

/// <summary>One entry of a zip's central directory and where its compressed data starts.</summary>
internal sealed record ZipEntryHeader(string Name, int Flags, int Method, long CompressedSize, long DeclaredSize, int DataOffset)
{
    public bool IsEncrypted => (Flags & 1) != 0;

    public bool IsDirectory => Name.EndsWith('/');
}

/// <summary>
/// Reads a zip's central directory from memory, strictly: one end record at the very end, every local header where the
/// directory says, no data overlapping the directory, no duplicate names. The sizes are what the headers declare; the
/// preflight inflates every entry and compares.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint LocalSignature = 0x04034b50;

    public static IReadOnlyList<ZipEntryHeader> Read(ReadOnlySpan<byte> zip, int maxEntries)
    {
        if (zip.Length < 22)
        {
            throw Corrupt("文件太短，不是完整的压缩包");
        }

        var end = -1;
        for (var i = zip.Length - 22; i >= Math.Max(0, zip.Length - 22 - ushort.MaxValue); i--)
        {
            if (U32(zip, i) == EndSignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw Corrupt("找不到文件末尾的压缩目录，文件可能只上传了一部分");
        }

        if (end + 22 + U16(zip, end + 20) != zip.Length)
        {
            throw Corrupt("压缩目录之后还有多余的数据");
        }

        long entryCount = U16(zip, end + 10);
        long directorySize = U32(zip, end + 12);
        long directoryOffset = U32(zip, end + 16);
        var directoryLimit = end;
        if (U16(zip, end + 4) != 0 && U16(zip, end + 4) != ushort.MaxValue)
        {
            throw Corrupt("分卷压缩包");
        }

        if (entryCount == ushort.MaxValue || directorySize == uint.MaxValue || directoryOffset == uint.MaxValue)
        {
            var locator = end - 20;
            if (locator < 0 || U32(zip, locator) != Zip64LocatorSignature)
            {
                throw Corrupt("ZIP64 目录定位记录缺失");
            }

            var zip64End = Clamp(U64(zip, locator + 8));
            if (zip64End > locator - 56 || U32(zip, (int)zip64End) != Zip64EndSignature)
            {
                throw Corrupt("ZIP64 目录记录损坏");
            }

            entryCount = Clamp(U64(zip, (int)zip64End + 32));
            directorySize = Clamp(U64(zip, (int)zip64End + 40));
            directoryOffset = Clamp(U64(zip, (int)zip64End + 48));
            directoryLimit = (int)zip64End;
        }

        if (entryCount > maxEntries)
        {
            throw new PreflightRefusedException(new UploadRefusal(UploadCodes.TooManyEntries,
                $"文件内部包含 {entryCount} 个部件，超过上限 {maxEntries} 个，不像是一份填写的表格。请只保留需要上传的工作表，另存后再上传。"));
        }

        if (directoryOffset > directoryLimit || directorySize > directoryLimit - directoryOffset)
        {
            throw Corrupt("压缩目录的位置超出文件范围");
        }

        var entries = new List<ZipEntryHeader>((int)entryCount);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var position = (int)directoryOffset;
        var directoryEnd = (int)(directoryOffset + directorySize);
        for (var i = 0; i < entryCount; i++)
        {
            if (position + 46 > directoryEnd || U32(zip, position) != CentralSignature)
            {
                throw Corrupt("压缩目录中的条目损坏");
            }

            var flags = U16(zip, position + 8);
            var method = U16(zip, position + 10);
            long compressed = U32(zip, position + 20);
            long declared = U32(zip, position + 24);
            var nameLength = U16(zip, position + 28);
            var extraLength = U16(zip, position + 30);
            var commentLength = U16(zip, position + 32);
            long localOffset = U32(zip, position + 42);
            var next = position + 46 + nameLength + extraLength + commentLength;
            if (next > directoryEnd)
            {
                throw Corrupt("压缩目录中的条目超出目录范围");
            }

            var nameBytes = zip.Slice(position + 46, nameLength);
            var extra = zip.Slice(position + 46 + nameLength, extraLength);
            ReadZip64Extra(extra, ref declared, ref compressed, ref localOffset);

            if (localOffset > directoryOffset - 30 || U32(zip, (int)localOffset) != LocalSignature)
            {
                throw Corrupt("条目的本地文件头缺失");
            }

            var local = (int)localOffset;
            var localNameLength = U16(zip, local + 26);
            var dataOffset = (long)local + 30 + localNameLength + U16(zip, local + 28);
            if (compressed > directoryOffset - dataOffset || !zip.Slice(local + 30, localNameLength).SequenceEqual(nameBytes))
            {
                throw Corrupt("条目的本地文件头与压缩目录不一致");
            }

            var name = Encoding.UTF8.GetString(nameBytes);
            if (!names.Add(name))
            {
                throw Corrupt($"部件 {name} 出现了两次");
            }

            entries.Add(new ZipEntryHeader(name, flags, method, compressed, declared, (int)dataOffset));
            position = next;
        }

        return entries;
    }

    /// <summary>
    /// Compares our reading of the directory with System.IO.Compression's, which OpenXml (and so ClosedXML) uses: if the
    /// two disagree, the file is crafted, and what we checked would not be what ClosedXML reads.
    /// </summary>
    public static void CrossCheck(ArraySegment<byte> zip, IReadOnlyList<ZipEntryHeader> entries)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip.Array!, zip.Offset, zip.Count, writable: false), ZipArchiveMode.Read);
            var theirs = archive.Entries;
            if (theirs.Count != entries.Count)
            {
                throw Corrupt("压缩目录的条目数不一致");
            }

            for (var i = 0; i < theirs.Count; i++)
            {
                if (theirs[i].FullName != entries[i].Name || theirs[i].Length != entries[i].DeclaredSize
                    || theirs[i].CompressedLength != entries[i].CompressedSize)
                {
                    throw Corrupt($"部件 {entries[i].Name} 的目录信息不一致");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw Corrupt("压缩目录无法读取");
        }
    }

    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long declared, ref long compressed, ref long localOffset)
    {
        var i = 0;
        while (i + 4 <= extra.Length)
        {
            var id = U16(extra, i);
            var size = U16(extra, i + 2);
            if (i + 4 + size > extra.Length)
            {
                throw Corrupt("条目的扩展字段损坏");
            }

            if (id == 1)
            {
                var field = extra.Slice(i + 4, size);
                var at = 0;
                if (declared == uint.MaxValue)
                {
                    declared = Zip64Field(field, ref at);
                }

                if (compressed == uint.MaxValue)
                {
                    compressed = Zip64Field(field, ref at);
                }

                if (localOffset == uint.MaxValue)
                {
                    localOffset = Zip64Field(field, ref at);
                }
            }

            i += 4 + size;
        }
    }

    private static long Zip64Field(ReadOnlySpan<byte> field, ref int at)
    {
        if (at + 8 > field.Length)
        {
            throw Corrupt("ZIP64 扩展字段太短");
        }

        var value = Clamp(U64(field, at));
        at += 8;
        return value;
    }

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private static int U16(ReadOnlySpan<byte> bytes, int at) =>
        at >= 0 && at + 2 <= bytes.Length ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : throw Corrupt("结构越界");

    private static uint U32(ReadOnlySpan<byte> bytes, int at) =>
        at >= 0 && at + 4 <= bytes.Length ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : throw Corrupt("结构越界");

    private static ulong U64(ReadOnlySpan<byte> bytes, int at) =>
        at >= 0 && at + 8 <= bytes.Length ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]) : throw Corrupt("结构越界");

    public static PreflightRefusedException Corrupt(string detail) => new(UploadPreflight.CorruptRefusal(detail));
}

/// <summary>Carries a refusal out of the depths of a scan (an XmlReader over an inflating stream) to the preflight's top.</summary>
internal sealed class PreflightRefusedException(UploadRefusal refusal) : Exception(refusal.Message)
{
    public UploadRefusal Refusal { get; } = refusal;
}
