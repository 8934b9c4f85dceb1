using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml;
using Supervision.Domain.Rules;

namespace Supervision.Workbooks.Reading;

/// <summary>What the preflight found: a refusal (the file must not reach ClosedXML), or none plus warnings.</summary>
public sealed record UploadPreflightResult(UploadRefusal? Refusal, IReadOnlyList<Issue> Warnings)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// Checks an uploaded file's raw bytes before ClosedXML sees them: size, encryption, zip structure, entry count, the
/// sizes and compression ratio of every entry (inflated and counted, never trusting the headers), macros, content
/// types, DTDs in any XML part, XML nesting, characters per part and the number of cells. Memory stays bounded: entries
/// are inflated through a counting stream into an XmlReader or nowhere, never into a buffer.
/// </summary>
public static class UploadPreflight
{
    private const string SpreadsheetMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string ContentTypesEntry = "[Content_Types].xml";
    private const string PackageRelationshipsEntry = "_rels/.rels";
    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly string[] SpreadsheetNamespaces =
        ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];
    private static readonly string[] OfficeDocumentRelationships =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    ];

    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static UploadPreflightResult Check(ReadOnlyMemory<byte> upload, UploadLimits? limits = null)
    {
        limits ??= UploadLimits.Default;
        var bytes = upload.Span;
        if (bytes.IsEmpty)
        {
            return Refused(UploadCodes.Empty, "上传的文件是空的（0 字节），请重新选择填好的 Excel 文件。");
        }

        if (bytes.Length > limits.MaxUploadBytes)
        {
            return Refused(UploadCodes.TooLarge,
                $"文件大小 {Megabytes(bytes.Length)}，超过上限 {Megabytes(limits.MaxUploadBytes)}。请只上传填好的表格，删除图片等大的内容后再上传。");
        }

        if (bytes.StartsWith(OleSignature))
        {
            return Refused(UploadCodes.Encrypted, IsEncryptedPackage(bytes)
                ? "文件设置了打开密码（已加密），系统无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），保存后再上传。"
                : "这是旧版 Excel 97-2003（.xls）文件或加密文件，系统只读取 .xlsx。请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后再上传。");
        }

        if (!(bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8)))
        {
            return Refused(UploadCodes.NotXlsx,
                "这不是 Excel 工作簿（.xlsx）文件，可能是 CSV、PDF 或其他文件改了扩展名。请在 Excel 中打开后“另存为”“Excel 工作簿（*.xlsx）”再上传。");
        }

        var segment = MemoryMarshal.TryGetArray(upload, out var array) ? array : new ArraySegment<byte>(upload.ToArray());
        try
        {
            return new PackageScan(segment, limits).Run();
        }
        catch (PreflightRefusedException refused)
        {
            return new UploadPreflightResult(refused.Refusal, []);
        }
    }

    internal static UploadRefusal CorruptRefusal(string detail) => new(UploadCodes.Corrupt,
        $"文件已损坏或不完整（{detail}），无法读取。请在 Excel 中打开确认内容无误，另存为 .xlsx 后重新上传。");

    private static UploadPreflightResult Refused(string code, string message) => new(new UploadRefusal(code, message), []);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";

    // An encrypted OOXML file is an OLE container with an "EncryptedPackage" stream; the name is UTF-16 in its directory.
    private static bool IsEncryptedPackage(ReadOnlySpan<byte> bytes) =>
        bytes.IndexOf("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"u8) >= 0;

    private static PreflightRefusedException Refusal(string code, string message) => new(new UploadRefusal(code, message));

    /// <summary>One run over one package; the state a scan accumulates (content types, counts) lives here.</summary>
    private sealed class PackageScan(ArraySegment<byte> zip, UploadLimits uploadLimits)
    {
        private readonly UploadLimits limits = uploadLimits;
        private readonly Dictionary<string, string> defaults = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> overrides = new(StringComparer.OrdinalIgnoreCase);
        private readonly byte[] buffer = new byte[81920];
        private long inflatedTotal;
        private long cells;

        public UploadPreflightResult Run()
        {
            var entries = ZipDirectory.Read(zip, limits.MaxEntries);
            ZipDirectory.CrossCheck(zip, entries);
            CheckHeaders(entries);

            var contentTypes = entries.FirstOrDefault(e => string.Equals(e.Name, ContentTypesEntry, StringComparison.OrdinalIgnoreCase))
                ?? throw Refusal(UploadCodes.ContentType, ContentTypeMessage("缺少 [Content_Types].xml"));
            Inflate(contentTypes, ReadContentType);
            var relationships = entries.FirstOrDefault(e => string.Equals(e.Name, PackageRelationshipsEntry, StringComparison.OrdinalIgnoreCase))
                ?? throw Refusal(UploadCodes.ContentType, ContentTypeMessage("缺少 _rels/.rels"));
            string? mainPart = null;
            Inflate(relationships, reader =>
            {
                if (reader.LocalName == "Relationship" && reader.NamespaceURI == RelationshipsNamespace
                    && OfficeDocumentRelationships.Contains(reader.GetAttribute("Type"), StringComparer.Ordinal)
                    && !string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
                {
                    mainPart ??= reader.GetAttribute("Target");
                }
            });
            CheckMainPart(entries, mainPart);
            if (overrides.Values.Concat(defaults.Values).Any(IsMacroType))
            {
                throw MacroRefusal();
            }

            foreach (var entry in entries.Where(e => e != contentTypes && e != relationships))
            {
                Inflate(entry, visit: null);
            }

            var links = entries.Count(e => ContentTypeOf(e.Name)?.Contains("externalLink", StringComparison.OrdinalIgnoreCase) == true
                || (e.Name.StartsWith("xl/externalLinks/", StringComparison.OrdinalIgnoreCase) && !e.Name.Contains("/_rels/", StringComparison.Ordinal)));
            IReadOnlyList<Issue> warnings = links == 0 ? [] :
            [
                Issue.Warning(UploadCodes.ExternalLink, null, null,
                    $"工作簿含有 {links} 个指向其他文件的外部链接；引用其他文件的公式只按保存时的结果读取，不会重新计算。如结果不对，请在 Excel 中“数据 → 编辑链接 → 断开链接”后重新上传。"),
            ];
            return new UploadPreflightResult(null, warnings);
        }

        // Everything the headers alone can refuse, before a byte is inflated.
        private void CheckHeaders(IReadOnlyList<ZipEntryHeader> entries)
        {
            if (entries.Any(e => e.IsEncrypted))
            {
                throw Refusal(UploadCodes.Encrypted, "文件内部的内容已加密，系统无法读取。请上传未加密的 .xlsx 文件。");
            }

            if (entries.FirstOrDefault(e => e.Method is not (0 or 8)) is { } unsupported)
            {
                throw ZipDirectory.Corrupt($"部件 {unsupported.Name} 使用了不支持的压缩方式 {unsupported.Method}");
            }

            if (entries.Any(e => e.Name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                throw MacroRefusal();
            }

            if (entries.FirstOrDefault(e => e.DeclaredSize > limits.MaxEntryInflatedBytes) is { } large)
            {
                throw EntryTooLarge(large.Name, large.DeclaredSize);
            }

            var declaredTotal = entries.Sum(e => e.DeclaredSize);
            if (declaredTotal > limits.MaxTotalInflatedBytes)
            {
                throw TotalTooLarge(declaredTotal);
            }

            if (entries.FirstOrDefault(e => RatioExceeded(e.DeclaredSize, e.CompressedSize)) is { } bomb)
            {
                throw RatioRefusal(bomb.Name, bomb.DeclaredSize, bomb.CompressedSize);
            }
        }

        private void CheckMainPart(IReadOnlyList<ZipEntryHeader> entries, string? target)
        {
            if (target is null)
            {
                throw Refusal(UploadCodes.ContentType, ContentTypeMessage("没有指明工作簿主体部件"));
            }

            var name = Uri.UnescapeDataString(target).TrimStart('/');
            name = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
            if (!entries.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw Refusal(UploadCodes.ContentType, ContentTypeMessage($"缺少工作簿主体部件 {name}"));
            }

            var type = ContentTypeOf(name);
            if (string.Equals(type, SpreadsheetMain, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (type?.Contains(".binary.", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw Refusal(UploadCodes.ContentType, ContentTypeMessage("这是 Excel 二进制工作簿（.xlsb）"));
            }

            if (type is not null && IsMacroType(type))
            {
                throw MacroRefusal();
            }

            throw Refusal(UploadCodes.ContentType, ContentTypeMessage($"主体部件的类型是 {type ?? "未知"}"));
        }

        private void ReadContentType(XmlReader reader)
        {
            if (reader.NamespaceURI != ContentTypesNamespace)
            {
                return;
            }

            var type = reader.GetAttribute("ContentType");
            if (type is null)
            {
                return;
            }

            if (reader.LocalName == "Default" && reader.GetAttribute("Extension") is { } extension)
            {
                defaults[extension] = type;
            }
            else if (reader.LocalName == "Override" && reader.GetAttribute("PartName") is { } part)
            {
                overrides[part.StartsWith('/') ? part : "/" + part] = type;
            }
        }

        private string? ContentTypeOf(string entryName)
        {
            if (overrides.TryGetValue("/" + entryName, out var type))
            {
                return type;
            }

            var dot = entryName.LastIndexOf('.');
            return dot >= 0 && entryName.IndexOf('/', dot) < 0 && defaults.TryGetValue(entryName[(dot + 1)..], out var byExtension) ? byExtension : null;
        }

        /// <summary>
        /// Inflates one entry through a counting stream with a hard stop one byte past its declared size; XML parts go
        /// through an XmlReader that prohibits DTDs and caps characters and depth, VML through the markup scan only.
        /// </summary>
        private void Inflate(ZipEntryHeader entry, Action<XmlReader>? visit)
        {
            if (entry.IsDirectory && entry.DeclaredSize == 0)
            {
                return;
            }

            var type = ContentTypeOf(entry.Name);
            var isVml = entry.Name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase)
                || type?.Contains("vmlDrawing", StringComparison.OrdinalIgnoreCase) == true;
            var isXml = !isVml && (entry.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                || entry.Name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
                || type?.EndsWith("xml", StringComparison.OrdinalIgnoreCase) == true);

            Stream compressed = new MemoryStream(zip.Array!, zip.Offset + entry.DataOffset, (int)entry.CompressedSize, writable: false);
            using var source = entry.Method == 8 ? new DeflateStream(compressed, CompressionMode.Decompress) : compressed;
            using var counting = new CountingStream(source, entry, this, scanMarkup: isXml || isVml);
            try
            {
                if (isXml)
                {
                    ReadXml(counting, entry, visit);
                }

                while (counting.Read(buffer) > 0)
                {
                    // Drain what the XmlReader left (or the whole entry) so that every byte is counted.
                }
            }
            catch (InvalidDataException)
            {
                throw ZipDirectory.Corrupt($"部件 {entry.Name} 的压缩数据损坏");
            }

            if (counting.MarkupFound)
            {
                throw DtdRefusal(entry.Name);
            }

            if (counting.Count != entry.DeclaredSize)
            {
                throw ZipDirectory.Corrupt($"部件 {entry.Name} 的实际大小与声明不符");
            }

            inflatedTotal += counting.Count;
        }

        private void ReadXml(CountingStream counting, ZipEntryHeader entry, Action<XmlReader>? visit)
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = limits.MaxCharactersPerPart,
                MaxCharactersFromEntities = 1024,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = true,
                CloseInput = false,
            };
            try
            {
                using var reader = XmlReader.Create(counting, settings);
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }

                    if (reader.Depth > limits.MaxXmlDepth)
                    {
                        throw ZipDirectory.Corrupt($"部件 {entry.Name} 的 XML 嵌套超过 {limits.MaxXmlDepth} 层");
                    }

                    if (reader.LocalName == "c" && SpreadsheetNamespaces.Contains(reader.NamespaceURI, StringComparer.Ordinal) && ++cells > limits.MaxCells)
                    {
                        throw Refusal(UploadCodes.TooManyCells,
                            $"工作簿的单元格超过 {limits.MaxCells:N0} 个，超出上限，不像是一份填写的表格。请只保留需要上传的工作表，另存后再上传。");
                    }

                    if (reader.LocalName == "numFmt" && SpreadsheetNamespaces.Contains(reader.NamespaceURI, StringComparer.Ordinal)
                        && reader.GetAttribute("formatCode") is { } formatCode && !IsSaneNumberFormat(formatCode))
                    {
                        throw Refusal(UploadCodes.NumberFormat,
                            $"文件中的数字格式“{(formatCode.Length > 40 ? formatCode[..40] + "…" : formatCode)}”无效（引号或方括号不成对，或超过 255 个字符），无法安全读取。请在 Excel 中清除该格式后另存再上传。");
                    }

                    visit?.Invoke(reader);
                }
            }
            catch (XmlException)
            {
                if (counting.MarkupFound)
                {
                    throw DtdRefusal(entry.Name);
                }

                // A part that is not well-formed, or one over the character limit (the reader stops there; characters
                // never outnumber bytes in UTF-8, nor half the bytes in UTF-16, so the byte count tells which).
                throw counting.Count > limits.MaxCharactersPerPart
                    ? Refusal(UploadCodes.TooLargeInflated,
                        $"文件中的部件 {entry.Name} 超过 {limits.MaxCharactersPerPart:N0} 个字符，超出上限，无法读取。")
                    : ZipDirectory.Corrupt($"部件 {entry.Name} 不是有效的 XML");
            }
        }

        // ClosedXML 0.95.4 scans number formats when it loads a workbook and never returns from a code with an unclosed
        // quote (measured: a 2 KB upload held a request thread at full CPU). Excel itself writes only balanced codes.
        private static bool IsSaneNumberFormat(string code)
        {
            if (code.Length > 255)
            {
                return false;
            }

            var inQuote = false;
            var inBracket = false;
            for (var i = 0; i < code.Length; i++)
            {
                var c = code[i];
                if (inQuote)
                {
                    inQuote = c != '"';
                }
                else if (c == '\\' || c == '_' || c == '*')
                {
                    // The next character is literal (or a padding/fill character): it must exist.
                    if (++i >= code.Length)
                    {
                        return false;
                    }
                }
                else if (c == '"')
                {
                    inQuote = true;
                }
                else if (c == '[')
                {
                    inBracket = true;
                }
                else if (c == ']')
                {
                    inBracket = false;
                }
            }

            return !inQuote && !inBracket;
        }

        private bool RatioExceeded(long inflated, long compressed) =>
            inflated > limits.RatioCheckedAboveBytes && inflated > Math.Max(compressed, 1) * (double)limits.MaxCompressionRatio;

        private PreflightRefusedException EntryTooLarge(string name, long size) => Refusal(UploadCodes.TooLargeInflated,
            $"文件中的部件 {name} 解压后为 {Megabytes(size)}，超过上限 {Megabytes(limits.MaxEntryInflatedBytes)}，无法读取。");

        private PreflightRefusedException TotalTooLarge(long size) => Refusal(UploadCodes.TooLargeInflated,
            $"文件解压后共 {Megabytes(size)}，超过上限 {Megabytes(limits.MaxTotalInflatedBytes)}，无法读取。");

        private PreflightRefusedException RatioRefusal(string name, long inflated, long compressed) => Refusal(UploadCodes.CompressionRatio,
            $"文件中的部件 {name} 压缩比异常（{inflated / Math.Max(compressed, 1):N0}:1，上限 {limits.MaxCompressionRatio}:1），疑似“压缩炸弹”，已拒绝。");

        private static PreflightRefusedException DtdRefusal(string name) => Refusal(UploadCodes.Dtd,
            $"文件中的部件 {name} 含有 DOCTYPE 或实体声明；Excel 不会生成这样的内容，出于安全原因已拒绝。请在 Excel 中另存后重新上传。");

        private static PreflightRefusedException MacroRefusal() => Refusal(UploadCodes.Macro,
            "文件包含宏（VBA 或宏表），出于安全原因不接收。请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”（不含宏）后再上传。");

        private static bool IsMacroType(string type) =>
            type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
            || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
            || type.Contains("macrosheet", StringComparison.OrdinalIgnoreCase);

        private static string ContentTypeMessage(string detail) =>
            $"文件不是 Excel 工作簿（.xlsx）：{detail}。请在 Excel 中“另存为”“Excel 工作簿（*.xlsx）”后再上传。";

        /// <summary>
        /// Counts inflated bytes as they pass and stops hard one byte past the declared size, the per-entry or total
        /// limit, or the compression ratio; optionally looks for "&lt;!DOCTYPE" and "&lt;!ENTITY" (UTF-8 or UTF-16).
        /// </summary>
        private sealed class CountingStream(Stream inner, ZipEntryHeader entry, PackageScan scan, bool scanMarkup) : Stream
        {
            private static readonly byte[][] Markup =
            [
                "<!DOCTYPE"u8.ToArray(), "<!ENTITY"u8.ToArray(),
                "<\0!\0D\0O\0C\0T\0Y\0P\0E\0"u8.ToArray(), "<\0!\0E\0N\0T\0I\0T\0Y\0"u8.ToArray(),
                "\0<\0!\0D\0O\0C\0T\0Y\0P\0E"u8.ToArray(), "\0<\0!\0E\0N\0T\0I\0T\0Y"u8.ToArray(),
            ];

            private const int Overlap = 17;
            private readonly byte[] tail = new byte[Overlap];
            private int tailLength;

            public long Count { get; private set; }

            public bool MarkupFound { get; private set; }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                // Never ask for more than one byte past the declared size: the hard stop is exact.
                var room = entry.DeclaredSize + 1 - Count;
                var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, room)]);
                Count += n;
                if (Count > entry.DeclaredSize)
                {
                    throw ZipDirectory.Corrupt($"部件 {entry.Name} 解压后比声明的 {entry.DeclaredSize:N0} 字节更大");
                }

                if (scan.RatioExceeded(Count, entry.CompressedSize))
                {
                    throw scan.RatioRefusal(entry.Name, Count, entry.CompressedSize);
                }

                if (scan.inflatedTotal + Count > scan.limits.MaxTotalInflatedBytes)
                {
                    throw scan.TotalTooLarge(scan.inflatedTotal + Count);
                }

                if (scanMarkup && n > 0)
                {
                    ScanMarkup(buffer[..n]);
                }

                return n;
            }

            private void ScanMarkup(ReadOnlySpan<byte> chunk)
            {
                if (MarkupFound)
                {
                    return;
                }

                // The joint of the previous chunk's tail and this chunk's head catches a pattern split across reads.
                Span<byte> joint = stackalloc byte[Overlap * 2];
                var head = chunk[..Math.Min(chunk.Length, Overlap)];
                tail.AsSpan(0, tailLength).CopyTo(joint);
                head.CopyTo(joint[tailLength..]);
                var jointLength = tailLength + head.Length;
                foreach (var pattern in Markup)
                {
                    if (joint[..jointLength].IndexOf(pattern) >= 0 || chunk.IndexOf(pattern) >= 0)
                    {
                        MarkupFound = true;
                        return;
                    }
                }

                var last = chunk.Length >= Overlap ? chunk[^Overlap..] : joint[..jointLength][^Math.Min(jointLength, Overlap)..];
                last.CopyTo(tail);
                tailLength = last.Length;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => Count;
                set => throw new NotSupportedException();
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
