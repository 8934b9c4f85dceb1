using System.Globalization;
using System.Xml;

namespace Supervision.Workbooks.Reading;

/// <summary>What ClosedXML 0.95.4 makes of a number cell without a type, from its style's number format.</summary>
internal enum FastNumberKind : byte
{
    Number,
    DateTime,
    TimeSpan,
    Text,
}

/// <summary>
/// The number formats of styles.xml, as far as they decide a number cell's data type: each cell format (&lt;xf&gt; of
/// &lt;cellXfs&gt;) by index, with ClosedXML 0.95.4's rules for built-in ids and format codes, quirks included
/// (a format code is scanned for the first of 0 # ? or d h m s y, skipping quoted text only).
/// </summary>
internal sealed class FastStyles
{
    private readonly FastNumberKind[] kinds;

    private FastStyles(FastNumberKind[] kinds) => this.kinds = kinds;

    /// <summary>No styles part: every number is a number.</summary>
    public static FastStyles None { get; } = new([]);

    public bool IsMissing => ReferenceEquals(this, None);

    public FastNumberKind KindOf(int styleIndex)
    {
        if (IsMissing)
        {
            return FastNumberKind.Number;
        }

        if (styleIndex < 0 || styleIndex >= kinds.Length)
        {
            throw new FastReadFallbackException($"style {styleIndex} is not in the workbook's cell formats");
        }

        return kinds[styleIndex];
    }

    public static FastStyles Read(XmlReader reader)
    {
        var formats = new Dictionary<uint, string>();
        var kinds = new List<FastNumberKind>();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == FastPackage.MainNamespace)
            {
                if (reader.Depth == 1 && reader.LocalName == "cellXfs")
                {
                    ReadCellFormats(reader, formats, kinds);
                    break;
                }

                if (reader.Depth == 1 && reader.LocalName is "fonts" or "fills" or "borders" or "cellStyleXfs")
                {
                    // Skip leaves the reader on the next sibling, which the loop looks at without reading on.
                    reader.Skip();
                    continue;
                }

                if (reader.Depth == 2 && reader.LocalName == "numFmt"
                    && uint.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    // ClosedXML takes the first numFmt with the id; without a code it falls back to the built-in id.
                    formats.TryAdd(id, reader.GetAttribute("formatCode") ?? "");
                }
            }

            reader.Read();
        }

        return new FastStyles([.. kinds]);
    }

    private static void ReadCellFormats(XmlReader reader, Dictionary<uint, string> formats, List<FastNumberKind> kinds)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
            {
                continue;
            }

            // ClosedXML counts every child of cellXfs by position.
            var attribute = reader.GetAttribute("numFmtId");
            if (attribute is null)
            {
                kinds.Add(FastNumberKind.Number);
                continue;
            }

            if (!uint.TryParse(attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new FastReadFallbackException($"numFmtId '{attribute}' is not a number");
            }

            kinds.Add(formats.TryGetValue(id, out var code) && code.Length > 0 ? KindOfFormat(code) : KindOfBuiltIn(id));
        }
    }

    private static FastNumberKind KindOfBuiltIn(uint id) => id switch
    {
        46 => FastNumberKind.TimeSpan,
        >= 14 and <= 22 or >= 45 and <= 47 => FastNumberKind.DateTime,
        49 => FastNumberKind.Text,
        _ => FastNumberKind.Number,
    };

    // ClosedXML's GetDataTypeFromFormat: lower-cased, quoted text skipped, the first telling character decides;
    // nothing telling (General, @) is a number.
    private static FastNumberKind KindOfFormat(string format)
    {
        var text = format.ToLowerInvariant();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    var close = text.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        // ClosedXML scans such a format from the start again, forever; leave it to ClosedXML's caller to see.
                        throw new FastReadFallbackException($"number format '{format}' has an unclosed quote");
                    }

                    i = close;
                    break;
                case '#' or '0' or '?':
                    return FastNumberKind.Number;
                case 'd' or 'h' or 'm' or 's' or 'y':
                    return FastNumberKind.DateTime;
            }
        }

        return FastNumberKind.Number;
    }
}
