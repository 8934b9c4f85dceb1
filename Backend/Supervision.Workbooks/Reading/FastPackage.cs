using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;

namespace Supervision.Workbooks.Reading;

/// <summary>
/// Why the fast reader hands a file to <see cref="WorkbookReader"/>: something it does not read exactly as ClosedXML
/// does, or something wrong with the file. Thrown from the depths of a part and caught at the top of a read.
/// </summary>
internal sealed class FastReadFallbackException(string reason) : Exception(reason);

/// <summary>
/// The zip of one stored workbook, read from memory: the central directory through <see cref="ZipDirectory"/> (the
/// preflight's reading of it), each part inflated with System.IO.Compression into a pooled buffer no larger than its
/// declared size, which must itself be within the upload limits, and the total kept under the limit too. A stored file
/// passed the preflight when it was uploaded, but sizes are never trusted.
/// </summary>
internal sealed class FastPackage
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    public const string DocumentRelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string RelationshipTypePrefix = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private readonly ArraySegment<byte> zip;
    private readonly IReadOnlyList<ZipEntryHeader> entries;
    private readonly UploadLimits limits;
    private readonly XmlReaderSettings settings;
    private long inflatedTotal;

    private FastPackage(ArraySegment<byte> zip, IReadOnlyList<ZipEntryHeader> entries, UploadLimits limits)
    {
        this.zip = zip;
        this.entries = entries;
        this.limits = limits;
        settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxCharactersPerPart,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            // OpenXml keeps a <t> of spaces even without xml:space="preserve", and ClosedXML counts such a cell as used.
            IgnoreWhitespace = false,
            CloseInput = true,
        };
    }

    public static FastPackage Open(ArraySegment<byte> zip, UploadLimits limits)
    {
        try
        {
            return new FastPackage(zip, ZipDirectory.Read(zip, limits.MaxEntries), limits);
        }
        catch (PreflightRefusedException refused)
        {
            throw new FastReadFallbackException($"the zip directory is not readable: {refused.Refusal.Code}");
        }
    }

    public IReadOnlyList<ZipEntryHeader> Entries => entries;

    public ZipEntryHeader? Find(string name)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// What identifies a part's content without inflating it: SHA-256 of its compressed bytes, with its method and sizes.
    /// Two files made from the same template carry byte-identical style parts, which need parsing once.
    /// </summary>
    public FastPartKey ContentKey(ZipEntryHeader entry)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(zip.AsSpan(entry.DataOffset, (int)Math.Min(entry.CompressedSize, zip.Count - entry.DataOffset)), hash);
        return new FastPartKey(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]), BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]),
            entry.Method, entry.CompressedSize, entry.DeclaredSize);
    }

    /// <summary>Inflates a part and opens an XmlReader on it; null when the package has no such part.</summary>
    public FastXmlPart? OpenXml(string name)
    {
        var entry = Find(name);
        if (entry is null)
        {
            return null;
        }

        if (entry.IsEncrypted || entry.Method is not (0 or 8))
        {
            throw new FastReadFallbackException($"part {entry.Name} is encrypted or compressed with method {entry.Method}");
        }

        if (entry.DeclaredSize > limits.MaxEntryInflatedBytes || inflatedTotal + entry.DeclaredSize > limits.MaxTotalInflatedBytes)
        {
            throw new FastReadFallbackException($"part {entry.Name} declares {entry.DeclaredSize:N0} bytes, over the limits");
        }

        inflatedTotal += entry.DeclaredSize;
        var size = (int)entry.DeclaredSize;
        if (entry.Method == 0)
        {
            if (entry.CompressedSize != entry.DeclaredSize)
            {
                throw new FastReadFallbackException($"stored part {entry.Name} has two different sizes");
            }

            return new FastXmlPart(XmlReader.Create(new MemoryStream(zip.Array!, zip.Offset + entry.DataOffset, size, writable: false), settings), null);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            Inflate(entry, buffer.AsSpan(0, size));
            return new FastXmlPart(XmlReader.Create(new MemoryStream(buffer, 0, size, writable: false), settings), buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Inflates exactly the declared size and checks that nothing follows: a lying header is caught, never obeyed.</summary>
    private void Inflate(ZipEntryHeader entry, Span<byte> target)
    {
        try
        {
            using var deflate = new DeflateStream(
                new MemoryStream(zip.Array!, zip.Offset + entry.DataOffset, (int)entry.CompressedSize, writable: false), CompressionMode.Decompress);
            var filled = 0;
            while (filled < target.Length)
            {
                var n = deflate.Read(target[filled..]);
                if (n == 0)
                {
                    throw new FastReadFallbackException($"part {entry.Name} inflates to less than its declared size");
                }

                filled += n;
            }

            Span<byte> probe = stackalloc byte[1];
            if (deflate.Read(probe) != 0)
            {
                throw new FastReadFallbackException($"part {entry.Name} inflates to more than its declared size");
            }
        }
        catch (InvalidDataException)
        {
            throw new FastReadFallbackException($"part {entry.Name} has damaged compressed data");
        }
    }

    // Relationship parts are byte-identical in files made from the same template: parsed once per content and folder.
    private static readonly FastPartCache<(FastPartKey, string), IReadOnlyDictionary<string, (string Type, string Target)>> RelationshipsByContent = new();

    /// <summary>The relationships of a part (or of the package, for ""): id → (type without the common prefix, target part name).</summary>
    public IReadOnlyDictionary<string, (string Type, string Target)> Relationships(string sourcePart)
    {
        var folder = Folder(sourcePart);
        var entry = Find(folder + "_rels/" + sourcePart[folder.Length..] + ".rels");
        if (entry is null)
        {
            return new Dictionary<string, (string, string)>();
        }

        return RelationshipsByContent.GetOrAdd((ContentKey(entry), folder), () => ReadRelationships(entry, folder));
    }

    private Dictionary<string, (string Type, string Target)> ReadRelationships(ZipEntryHeader entry, string folder)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using var part = OpenXml(entry.Name)!;
        var reader = part.Reader;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.NamespaceURI != RelationshipsNamespace)
            {
                continue;
            }

            var id = reader.GetAttribute("Id");
            var type = reader.GetAttribute("Type");
            var target = reader.GetAttribute("Target");
            if (id is null || type is null || target is null
                || string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var shortType = type.StartsWith(RelationshipTypePrefix, StringComparison.Ordinal) ? type[RelationshipTypePrefix.Length..] : type;
            result.TryAdd(id, (shortType, Resolve(folder, target)));
        }

        return result;
    }

    /// <summary>A relationship target as a zip entry name: absolute from the root, or relative to the source part's folder.</summary>
    public static string Resolve(string folder, string target)
    {
        var path = target.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(target) : target;
        if (!path.Contains("./", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal))
        {
            // The usual targets: "/xl/worksheets/sheet1.xml" or "worksheets/sheet1.xml".
            return path.StartsWith('/') ? path[1..] : folder + path;
        }

        var segments = new List<string>();
        if (!path.StartsWith('/'))
        {
            segments.AddRange(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>"xl/" for "xl/workbook.xml"; "" for a part at the root.</summary>
    public static string Folder(string part) => part[..(part.LastIndexOf('/') + 1)];
}

/// <summary>
/// What was made of a part, by its content: bounded (files from unknown templates stop adding once it is full) and shared
/// by every thread; values must be immutable.
/// </summary>
internal sealed class FastPartCache<TKey, TValue>(int capacity = 1_024)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new();

    public TValue GetOrAdd(TKey key, Func<TValue> create)
    {
        if (entries.TryGetValue(key, out var known))
        {
            return known;
        }

        var value = create();
        if (entries.Count < capacity)
        {
            entries.TryAdd(key, value);
        }

        return value;
    }
}

/// <summary>A part's content identity: its compressed bytes' SHA-256 (four words), compression method and sizes.</summary>
internal readonly record struct FastPartKey(ulong Hash0, ulong Hash1, ulong Hash2, ulong Hash3, int Method, long CompressedSize, long DeclaredSize);

/// <summary>An XmlReader over one inflated part; disposing it returns the pooled buffer.</summary>
internal sealed class FastXmlPart(XmlReader reader, byte[]? pooled) : IDisposable
{
    private byte[]? buffer = pooled;

    public XmlReader Reader { get; } = reader;

    public void Dispose()
    {
        Reader.Dispose();
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
